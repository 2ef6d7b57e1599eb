/* LeNet-5's non-GEMM kernels (patch extraction and its adjoint, bias + ReLU + 2x2 max-pooling and its
 * backward pass, dense-layer bias + ReLU and its backward pass) in two builds of the same code: one
 * for any x86-64 or ARM CPU and one whose functions carry __attribute__((target("avx2,fma"))), picked
 * at run time by a CPU check. Both builds give bit-identical results: every kernel only copies,
 * compares, or adds in a fixed order, so the vector width cannot change a rounding. */
#ifndef STALENESS_VECTOR_KERNELS_H
#define STALENESS_VECTOR_KERNELS_H

#include <stdint.h>

#pragma clang assume_nonnull begin

/* One build of the kernels. Layouts are those of Training's LeNet5Worker: patch matrices have one row
 * per tap (c, ky, kx) and one column per output pixel of every image; raw convolution outputs are
 * channel-major ([c][i][y][x]); pooled maps are image-major ([i][c][y][x]). */
typedef struct stl_kernel_set {
    /* Short name of the build ("avx2" or "portable"). */
    const char *name;
    /* im2col of a valid, stride-1 convolution: patches[(c*k+ky)*k+kx][(i*o+y)*o+x] =
     * source[i*image_stride + c*plane_stride + (y+ky)*side + x+kx], o = side-k+1. */
    void (*unfold)(const float *source, int images, int channels, int side, int image_stride,
                   int plane_stride, int kernel, float *patches);
    /* The adjoint of unfold: adds each patch entry onto the source position it came from. */
    void (*fold_adding)(const float *patches, int images, int channels, int side, int image_stride,
                        int plane_stride, int kernel, float *gradient);
    /* 2x2 max-pool (first maximum in row-major order wins), then + bias[c] and ReLU; winners get
     * the index into input of each window's maximum. side must be even. */
    void (*pool_forward)(const float *input, int channels, int images, int side, const float *bias,
                         float *output, int32_t *winners);
    /* Overwrites all of input_gradient: the pooled gradient goes to each window's winner where the
     * pooled output was positive, 0 everywhere else; adds each channel's routed sum to bias_gradient. */
    void (*pool_backward)(const float *output_gradient, const float *output, const int32_t *winners,
                          int channels, int images, int side, float *input_gradient, float *bias_gradient);
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
