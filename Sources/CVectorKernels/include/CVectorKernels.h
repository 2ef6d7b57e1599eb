/* LeNet-5's kernels other than the dense matrix products (a convolution fused with bias, ReLU and
 * 2x2 max-pooling, the convolutions' backward passes through the pooling, a layout transposition,
 * dense-layer bias + ReLU and its backward pass) in two builds of the same code: one for any x86-64
 * or ARM CPU and one whose functions carry __attribute__((target("avx2,fma"))), picked at run time
 * by a CPU check. Both builds give
 * bit-identical results: every kernel copies, compares, adds or fuses multiply-adds (fmaf, exactly
 * rounded everywhere) in a fixed order, so the vector width cannot change a rounding. On an x86-64 CPU
 * without FMA the portable build's fmaf is a software routine: correct, but slow. */
#ifndef STALENESS_VECTOR_KERNELS_H
#define STALENESS_VECTOR_KERNELS_H

#include <stdint.h>

#pragma clang assume_nonnull begin

/* Longest raw output row conv_pool_forward takes. */
#define STL_MAX_FUSED_SIDE 64

/* Most floats a convolution kernel takes once each of its receptive-field rows is padded to whole
 * vectors of 8 (conv_input_gradient). */
#define STL_PADDED_FLOATS 512

/* The entries of a convolution's output gradient that are not zero after 2x2 max-pooling and ReLU,
 * listed per output channel in image and pooled-output order: channel c's list starts at entry
 * c*capacity of gradient and offset, which hold each entry's gradient and the offset of its receptive
 * field's top-left input (i*image_stride + (y*in_side + x)*pixel_stride) in the convolution's input;
 * ends[c*images + i] is one past the last entry of image i in channel c's list. */
typedef struct stl_routes {
    float *gradient;
    int32_t *offset;
    int32_t *ends;
    /* Entries a channel has room for: at least images * (side/2)^2. */
    int32_t capacity;
    /* Images listed (at least 1). */
    int32_t images;
} stl_routes;

/* A convolution's input, per image, is planar (channel ci a plane of rows of in_side pixels, planes
 * plane_stride apart, pixel_stride 1) or channels-last (pixel (y, x) holds its in_channels channels
 * side by side: plane_stride 1, pixel_stride in_channels); input (ci, y, x) is at
 * ci*plane_stride + (y*in_side + x)*pixel_stride. A receptive field of a kernel k is then rows of
 * contiguous inputs: in_channels*k rows of k pixels (planar) or k rows of k pixels x in_channels
 * channels (channels-last). */

/* One build of the kernels. Layouts are those of Training's LeNet5Worker: raw convolution outputs
 * (which only winners index; no kernel writes them) are channel-major ([c][i][y][x]); pooled maps are
 * image-major ([i][c][y][x]). */
typedef struct stl_kernel_set {
    /* Short name of the build ("avx2" or "portable"). */
    const char *name;
    /* A valid, stride-1 convolution with kernel 5 of input (images image_stride apart, in_channels
     * planes plane_stride apart, rows of in_side) by weights ([channels][in_channels][5][5]), then 2x2
     * max-pooling (the first maximum in row-major order wins), + bias[c] and ReLU, without writing the
     * raw output; winners get the index of each window's maximum in the raw output as if it were laid
     * out [c][i][y][x]. in_side - 4 must be even and at most STL_MAX_FUSED_SIDE. */
    void (*conv_pool_forward)(const float *input, int images, int in_channels, int in_side, int image_stride,
                              int plane_stride, const float *weights, const float *bias, int channels,
                              float *output, int32_t *winners);
    /* Lists in routes the pooled outputs of routes.images images (image-major, as conv_pool_forward wrote
     * them from a raw output of the given side) that are positive, with their gradient and the offset of
     * their winner's receptive field in the convolution's input (rows of in_side pixels pixel_stride
     * apart, images image_stride apart); adds each channel's listed gradients, in list order, to
     * bias_gradient. */
    void (*route_pooled)(const float *output_gradient, const float *output, const int32_t *winners,
                         int channels, int side, int image_stride, int in_side, int pixel_stride,
                         stl_routes routes, float *bias_gradient);
    /* Adds to weight_gradient ([channels][in_channels][kernel][kernel]) the gradient of a valid,
     * stride-1 convolution of input (planar or channels-last, rows of in_side) whose raw output
     * gradient is zero but for the routes. Reads only inside each receptive field. */
    void (*conv_weight_gradient)(const float *input, int in_channels, int plane_stride, int pixel_stride,
                                 int in_side, int kernel, stl_routes routes, int channels,
                                 float *weight_gradient);
    /* Adds to input_gradient (laid out as the convolution's input, planar or channels-last) the routes'
     * gradient times the weights, each receptive-field row padded with zeros to whole vectors of 8: the
     * kernel's padded rows take at most STL_PADDED_FLOATS floats, and input_gradient must have 7
     * writable floats past its last receptive field, to which ±0 is added. */
    void (*conv_input_gradient)(const float *weights, int in_channels, int plane_stride, int pixel_stride,
                                int in_side, int kernel, stl_routes routes, int channels, float *input_gradient);
    /* Each of images matrices of rows x columns (row-major, one after another) transposed into
     * destination, which must not overlap source. */
    void (*transpose)(const float *source, int images, int rows, int columns, float *destination);
    /* values[r][j] += bias[j], then ReLU when relu != 0 (negative values become 0, NaN stays NaN). */
    void (*dense_forward)(const float *bias, float *values, int rows, int columns, int relu);
    /* With relu != 0 zeroes gradient entries whose activation is not positive; then adds the column
     * sums (in row order) to bias_gradient. */
    void (*dense_backward)(float *gradient, const float *activations, int rows, int columns, int relu,
                           float *bias_gradient);
} stl_kernel_set;

/* The build for any CPU. */
const stl_kernel_set *stl_portable_kernels(void);
/* The AVX2 + FMA build, or NULL when this CPU (or compiler) has no AVX2 and FMA. */
const stl_kernel_set *_Nullable stl_avx2_kernels(void);

#pragma clang assume_nonnull end

#endif
