/* Each kernel's body is written once as an always-inline function and compiled twice: into the
 * portable functions and into functions that carry target("avx2,fma"). Row lengths the network uses
 * (28 and 10 outputs per row, 14 pooled outputs) are passed as constants so the compiler unrolls and
 * vectorises those rows for each target. Pooling, the fused conv1 + pooling, the routing and the
 * convolutions' backward passes are explicit AVX2 (pooling in blocks of 8 pooled outputs of a row, a
 * row longer than a block ending with a block overlapping the one before); the portable build computes
 * every output by the same operations in the same order (each multiply-add one fmaf), so both builds
 * agree bit for bit. */
#include "CVectorKernels.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* Multiply-adds are written as fmaf or FMA intrinsics, never as a*b + c, so no build may contract
 * differently from the other. */
#pragma STDC FP_CONTRACT OFF

#define ALWAYS_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define STL_HAS_AVX2_BUILD 1
#include <immintrin.h>
#define AVX2_TARGET __attribute__((target("avx2,fma")))
#endif

/* ---- bias, ReLU and 2x2 max-pooling ---- */

/* A 2x2 window (stride 2) pools to its first maximum in row-major order (PyTorch's pick), then bias
 * and ReLU: max(0, best + bias). Pooling before the bias is exact, as x -> max(0, x + b) does not
 * decrease. */

/* Branch-free selections for the scalar windows: which entry wins and which outputs are active are
 * random, so branches would mispredict (and compilers turn ?: on floats into branches here). */
ALWAYS_INLINE float select_float(int condition, float when_true, float when_false) {
    uint32_t t, f, mask = -(uint32_t)(condition != 0);
    memcpy(&t, &when_true, sizeof t);
    memcpy(&f, &when_false, sizeof f);
    t = (t & mask) | (f & ~mask);
    memcpy(&when_true, &t, sizeof t);
    return when_true;
}

ALWAYS_INLINE ptrdiff_t select_index(int condition, ptrdiff_t when_true, ptrdiff_t when_false) {
    return when_false ^ ((when_false ^ when_true) & -(ptrdiff_t)(condition != 0));
}

/* ReLU that keeps NaN (so divergence stays visible) and is what AVX2's max(0, v) computes. */
ALWAYS_INLINE float relu(float v) { return 0.0f > v ? 0.0f : v; }

/* One window whose top-left input is `top`: the first maximum in row-major order, + bias, ReLU. */
ALWAYS_INLINE void pool_window(const float *input, ptrdiff_t top, int side, float bias, float *output,
                               int32_t *winner) {
    ptrdiff_t bottom = top + side, at = top;
    float best = input[top], v1 = input[top + 1], v2 = input[bottom], v3 = input[bottom + 1];
    int wins = v1 > best;
    best = select_float(wins, v1, best);
    at = select_index(wins, top + 1, at);
    wins = v2 > best;
    best = select_float(wins, v2, best);
    at = select_index(wins, bottom, at);
    wins = v3 > best;
    best = select_float(wins, v3, best);
    at = select_index(wins, bottom + 1, at);
    *output = relu(best + bias);
    *winner = (int32_t)at;
}

/* ---- a convolution fused with its pooling ---- */

/* A valid, stride-1 convolution with kernel 5, computed two output rows at a time and pooled at once
 * (bias and ReLU after the maximum), so its raw output never reaches memory. Winners are indices into
 * the raw output as if it were laid out channel-major over the images ([c][i][y][x]). Each raw output is one chain of fused multiply-adds over (ci, ky, kx) in
 * order, from 0. */
ALWAYS_INLINE float conv_output(const float *input, int in_channels, int in_side, int plane_stride,
                                const float *weights, int y, int x) {
    float sum = 0.0f;
    for (int ci = 0; ci < in_channels; ci++)
        for (int ky = 0; ky < 5; ky++)
            for (int kx = 0; kx < 5; kx++)
                sum = fmaf(weights[(ci * 5 + ky) * 5 + kx],
                           input[(ptrdiff_t)ci * plane_stride + (ptrdiff_t)(y + ky) * in_side + x + kx], sum);
    return sum;
}

/* Pools the two raw rows in `rows` (each `side` long) into pooled row py of a plane whose raw
 * output starts at plane_start. */
ALWAYS_INLINE void pool_row_pair(const float *rows, int side, int py, ptrdiff_t plane_start, float bias,
                                 float *output, int32_t *winners) {
    for (int px = 0; px < side / 2; px++) {
        pool_window(rows, 2 * px, side, bias, output + px, winners + px);
        winners[px] += (int32_t)(plane_start + (ptrdiff_t)2 * py * side);
    }
}

static void conv_pool_forward_portable(const float *input, int images, int in_channels, int in_side,
                                       int image_stride, int plane_stride, const float *weights, const float *bias,
                                       int channels, float *output, int32_t *winners) {
    int side = in_side - 4, half = side / 2;
    float rows[2 * STL_MAX_FUSED_SIDE];
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++) {
            const float *image = input + (ptrdiff_t)i * image_stride, *w = weights + (ptrdiff_t)c * in_channels * 25;
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * side * side;
            ptrdiff_t pooled = ((ptrdiff_t)i * channels + c) * half * half;
            for (int py = 0; py < half; py++) {
                for (int dy = 0; dy < 2; dy++)
                    for (int x = 0; x < side; x++)
                        rows[dy * side + x] = conv_output(image, in_channels, in_side, plane_stride, w, 2 * py + dy, x);
                pool_row_pair(rows, side, py, plane_start, bias[c], output + pooled + py * half,
                              winners + pooled + py * half);
            }
        }
}

/* ---- backward through pooling, only where gradient flows ---- */

/* A pooled output passes gradient only to its window's winner, and only when it is positive (ReLU),
 * so three quarters or more of a convolution's output gradient are zeros. These kernels list the
 * entries that are not and run the convolution's weight and input gradients over the list alone. */

/* Sum of a channel's listed gradients: lane j of 8 adds entries j, j+8, ... (a short last block padded
 * with zeros), then lane_sum; the AVX2 build adds whole vectors in the same order. */
ALWAYS_INLINE float lane_sum(const float lanes[8]) {
    float t0 = lanes[0] + lanes[4], t1 = lanes[1] + lanes[5], t2 = lanes[2] + lanes[6], t3 = lanes[3] + lanes[7];
    return (t0 + t2) + (t1 + t3);
}

ALWAYS_INLINE float listed_sum(const float *gradient, int count) {
    float lanes[8] = {0};
    for (int e = 0; e < count; e += 8)
        for (int j = 0; j < 8; j++) lanes[j] += e + j < count ? gradient[e + j] : 0.0f;
    return lane_sum(lanes);
}

/* Writes pooled output `at` as list entry `count` and returns the count moved past it if it is
 * active. Branch-free: every entry is written, and the count moves past the active ones only. */
ALWAYS_INLINE int route_entry(const float *output_gradient, const float *output, const int32_t *winners,
                              ptrdiff_t at, int32_t plane_start, int side, int32_t first, int in_side,
                              int pixel_stride, float *gradient, int32_t *offset, int count) {
    int32_t local = winners[at] - plane_start, y = local / side, x = local - y * side;
    gradient[count] = output_gradient[at];
    offset[count] = first + (y * in_side + x) * pixel_stride;
    return count + (output[at] > 0.0f);
}

/* Routes the 8 pooled outputs from `at` (entries of one image and channel), appending the active
 * ones at list entry `count`; returns the new count. Only the AVX2 build has one. */
typedef int (*route_block_step)(const float *output_gradient, const float *output, const int32_t *winners,
                                ptrdiff_t at, int32_t plane_start, int side, int32_t first, int in_side,
                                int pixel_stride, float *gradient, int32_t *offset, int count);

/* route_pooled with the raw side as a constant (so route_entry's division is a multiplication),
 * blocks of 8 outputs by `block` where there is one, the rest by route_entry. */
ALWAYS_INLINE void route_pooled_side(const float *output_gradient, const float *output, const int32_t *winners,
                                     int channels, int side, int image_stride, int in_side, int pixel_stride,
                                     stl_routes routes, float *bias_gradient, route_block_step block) {
    int images = routes.images, per_image = (side / 2) * (side / 2);
    ptrdiff_t plane = (ptrdiff_t)side * side;
    for (int c = 0; c < channels; c++) {
        float *gradient = routes.gradient + (ptrdiff_t)c * routes.capacity;
        int32_t *offset = routes.offset + (ptrdiff_t)c * routes.capacity;
        int count = 0;
        for (int i = 0; i < images; i++) {
            ptrdiff_t pooled = ((ptrdiff_t)i * channels + c) * per_image;
            int32_t plane_start = (int32_t)(((ptrdiff_t)c * images + i) * plane);
            int q = 0;
            if (block)
                for (; q + 8 <= per_image; q += 8)
                    count = block(output_gradient, output, winners, pooled + q, plane_start, side, i * image_stride,
                                  in_side, pixel_stride, gradient, offset, count);
            for (; q < per_image; q++)
                count = route_entry(output_gradient, output, winners, pooled + q, plane_start, side,
                                    i * image_stride, in_side, pixel_stride, gradient, offset, count);
            routes.ends[c * images + i] = count;
        }
        bias_gradient[c] += listed_sum(gradient, count);
    }
}

ALWAYS_INLINE void route_pooled_body(const float *output_gradient, const float *output, const int32_t *winners,
                                     int channels, int side, int image_stride, int in_side, int pixel_stride,
                                     stl_routes routes, float *bias_gradient, route_block_step block) {
    if (side == 10)
        route_pooled_side(output_gradient, output, winners, channels, 10, image_stride, in_side, pixel_stride,
                          routes, bias_gradient, block);
    else if (side == 28)
        route_pooled_side(output_gradient, output, winners, channels, 28, image_stride, in_side, pixel_stride,
                          routes, bias_gradient, block);
    else
        route_pooled_side(output_gradient, output, winners, channels, side, image_stride, in_side, pixel_stride,
                          routes, bias_gradient, block);
}

/* Entries in channel c's list. */
ALWAYS_INLINE int listed(stl_routes routes, int c) { return routes.ends[(c + 1) * routes.images - 1]; }

/* Each weight's gradient is one chain of fused multiply-adds over the routes in list order, starting
 * from the value already there; the AVX2 build runs the chains of a kernel row side by side. */
static void conv_weight_gradient_portable(const float *input, int in_channels, int plane_stride, int pixel_stride,
                                          int in_side, int kernel, stl_routes routes, int channels,
                                          float *weight_gradient) {
    for (int c = 0; c < channels; c++) {
        const float *gradient = routes.gradient + (ptrdiff_t)c * routes.capacity;
        const int32_t *offset = routes.offset + (ptrdiff_t)c * routes.capacity;
        int count = listed(routes, c);
        for (int ci = 0; ci < in_channels; ci++)
            for (int ky = 0; ky < kernel; ky++) {
                float *row = weight_gradient + (((ptrdiff_t)c * in_channels + ci) * kernel + ky) * kernel;
                for (int kx = 0; kx < kernel; kx++) {
                    const float *source = input + (ptrdiff_t)ci * plane_stride +
                                          ((ptrdiff_t)ky * in_side + kx) * pixel_stride;
                    float sum = row[kx];
                    for (int e = 0; e < count; e++) sum = fmaf(gradient[e], source[offset[e]], sum);
                    row[kx] = sum;
                }
            }
    }
}

/* A receptive field as rows of contiguous inputs (see the header): rows of `length` floats, padded
 * to `vectors` vectors of 8, row r at offset (r / kernel)*plane_stride + (r % kernel)*row_step. */
typedef struct window_rows {
    int count, length, vectors, kernel, pixel_stride;
    ptrdiff_t plane_stride, row_step;
} window_rows;

ALWAYS_INLINE window_rows receptive_rows(int in_channels, int plane_stride, int pixel_stride, int in_side,
                                         int kernel) {
    window_rows rows = {.count = in_channels / pixel_stride * kernel, .length = kernel * pixel_stride,
                        .kernel = kernel, .pixel_stride = pixel_stride, .plane_stride = plane_stride,
                        .row_step = (ptrdiff_t)in_side * pixel_stride};
    rows.vectors = (rows.length + 7) / 8;
    return rows;
}

ALWAYS_INLINE ptrdiff_t row_offset(window_rows rows, int r) {
    return (ptrdiff_t)(r / rows.kernel) * rows.plane_stride + (ptrdiff_t)(r % rows.kernel) * rows.row_step;
}

/* Where each weight of a kernel ([in_channels][kernel][kernel], in that order) goes in its padded
 * receptive-field rows (row r's entries from r * 8 * vectors): a planar row is one input channel's
 * kernel row, a channels-last row a kernel row of pixels with the channels inside. */
ALWAYS_INLINE void padded_positions(window_rows rows, int in_channels, int32_t *position) {
    int width = 8 * rows.vectors, group = 0, inner = 0, t = 0;
    for (int ci = 0; ci < in_channels; ci++) {
        for (int ky = 0; ky < rows.kernel; ky++)
            for (int kx = 0; kx < rows.kernel; kx++)
                position[t++] = (group * rows.kernel + ky) * width + kx * rows.pixel_stride + inner;
        if (++inner == rows.pixel_stride) inner = 0, group++;
    }
}

/* A channel's kernel (`taps` weights) as padded receptive-field rows, zeros past each row's end. */
ALWAYS_INLINE void pad_kernel(const float *weights, window_rows rows, int taps, const int32_t *position,
                              float *padded) {
    for (int l = 0; l < rows.count * 8 * rows.vectors; l++) padded[l] = 0.0f;
    for (int t = 0; t < taps; t++) padded[position[t]] = weights[t];
}

/* Adds `gradient` times a padded kernel onto the receptive field whose first input is `target`. */
typedef void (*scatter_route_step)(float *target, const float *padded, float gradient, window_rows rows);

ALWAYS_INLINE void scatter_route_portable(float *target, const float *padded, float gradient, window_rows rows) {
    int width = 8 * rows.vectors;
    for (int r = 0; r < rows.count; r++) {
        float *row = target + row_offset(rows, r);
        const float *w = padded + r * width;
        for (int l = 0; l < width; l++) row[l] = fmaf(gradient, w[l], row[l]);
    }
}

/* Each route adds its gradient times the channel's kernel onto its receptive field, a row of the field
 * padded to whole vectors (so the entries past it get ±0 added: unchanged but for the sign of a zero,
 * alike in both builds), routes in list order, channels in order. Channel by channel, the channel's
 * routes take the images in turn (one entry of each image that has one left, then the next):
 * successive updates then lie in different images, so one never waits on the overlapping stores of
 * the one before, while each image's entries keep their list order. */
ALWAYS_INLINE void conv_input_gradient_body(const float *weights, int in_channels, window_rows rows,
                                            stl_routes routes, int channels, float *input_gradient,
                                            scatter_route_step scatter) {
    int taps = rows.count * rows.length;
    _Alignas(32) float padded[STL_PADDED_FLOATS];
    int32_t position[STL_PADDED_FLOATS], next[routes.images];
    padded_positions(rows, in_channels, position);
    for (int c = 0; c < channels; c++) {
        pad_kernel(weights + (ptrdiff_t)c * taps, rows, taps, position, padded);
        const float *gradient = routes.gradient + (ptrdiff_t)c * routes.capacity;
        const int32_t *offset = routes.offset + (ptrdiff_t)c * routes.capacity;
        const int32_t *ends = routes.ends + (ptrdiff_t)c * routes.images;
        for (int i = 0; i < routes.images; i++) next[i] = i == 0 ? 0 : ends[i - 1];
        for (int left = 1; left;) {
            left = 0;
            for (int i = 0; i < routes.images; i++)
                if (next[i] < ends[i]) {
                    int e = next[i]++;
                    scatter(input_gradient + offset[e], padded, gradient[e], rows);
                    left = 1;
                }
        }
    }
}

static void conv_input_gradient_portable(const float *weights, int in_channels, int plane_stride, int pixel_stride,
                                         int in_side, int kernel, stl_routes routes, int channels,
                                         float *input_gradient) {
    conv_input_gradient_body(weights, in_channels,
                             receptive_rows(in_channels, plane_stride, pixel_stride, in_side, kernel), routes, channels,
                             input_gradient, scatter_route_portable);
}

/* ---- layout ---- */

/* Writes the destination in order, so each store continues the one before. */
ALWAYS_INLINE void transpose_body(const float *source, int images, int rows, int columns, float *destination) {
    ptrdiff_t size = (ptrdiff_t)rows * columns;
    for (int i = 0; i < images; i++) {
        const float *from = source + i * size;
        float *to = destination + i * size;
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < rows; r++) to[(ptrdiff_t)c * rows + r] = from[(ptrdiff_t)r * columns + c];
    }
}

/* transpose_body with LeNet-5's conv1 map shapes (6 channels x 196 pixels, both ways) as constants. */
ALWAYS_INLINE void transpose_shapes(const float *source, int images, int rows, int columns, float *destination) {
    if (rows == 6 && columns == 196) transpose_body(source, images, 6, 196, destination);
    else if (rows == 196 && columns == 6) transpose_body(source, images, 196, 6, destination);
    else transpose_body(source, images, rows, columns, destination);
}

/* ---- dense layers ---- */

ALWAYS_INLINE void dense_forward_columns(const float *bias, float *values, int rows, int columns, int relu_on) {
    for (int r = 0; r < rows; r++) {
        float *row = values + (ptrdiff_t)r * columns;
        if (relu_on)
            for (int j = 0; j < columns; j++) row[j] = relu(row[j] + bias[j]);
        else
            for (int j = 0; j < columns; j++) row[j] += bias[j];
    }
}

ALWAYS_INLINE void dense_forward_body(const float *bias, float *values, int rows, int columns, int relu_on) {
    if (columns == 120) dense_forward_columns(bias, values, rows, 120, relu_on);
    else if (columns == 84) dense_forward_columns(bias, values, rows, 84, relu_on);
    else dense_forward_columns(bias, values, rows, columns, relu_on);
}

ALWAYS_INLINE void dense_backward_columns(float *gradient, const float *activations, int rows, int columns,
                                          int relu_on, float *bias_gradient) {
    for (int r = 0; r < rows; r++) {
        float *g = gradient + (ptrdiff_t)r * columns;
        const float *a = activations + (ptrdiff_t)r * columns;
        if (relu_on)
            for (int j = 0; j < columns; j++) g[j] = a[j] > 0.0f ? g[j] : 0.0f;
        for (int j = 0; j < columns; j++) bias_gradient[j] += g[j];
    }
}

ALWAYS_INLINE void dense_backward_body(float *gradient, const float *activations, int rows, int columns,
                                       int relu_on, float *bias_gradient) {
    if (columns == 120) dense_backward_columns(gradient, activations, rows, 120, relu_on, bias_gradient);
    else if (columns == 84) dense_backward_columns(gradient, activations, rows, 84, relu_on, bias_gradient);
    else dense_backward_columns(gradient, activations, rows, columns, relu_on, bias_gradient);
}

/* ---- the portable build ---- */

static void dense_forward_portable(const float *bias, float *values, int rows, int columns, int relu_on) {
    dense_forward_body(bias, values, rows, columns, relu_on);
}

static void dense_backward_portable(float *gradient, const float *activations, int rows, int columns,
                                    int relu_on, float *bias_gradient) {
    dense_backward_body(gradient, activations, rows, columns, relu_on, bias_gradient);
}

static void route_pooled_portable(const float *output_gradient, const float *output, const int32_t *winners,
                                  int channels, int side, int image_stride, int in_side, int pixel_stride,
                                  stl_routes routes, float *bias_gradient) {
    route_pooled_body(output_gradient, output, winners, channels, side, image_stride, in_side, pixel_stride, routes,
                      bias_gradient, NULL);
}

static void transpose_portable(const float *source, int images, int rows, int columns, float *destination) {
    transpose_shapes(source, images, rows, columns, destination);
}

static const stl_kernel_set portable_kernels = {
    .name = "portable",
    .conv_pool_forward = conv_pool_forward_portable,
    .route_pooled = route_pooled_portable,
    .conv_weight_gradient = conv_weight_gradient_portable,
    .conv_input_gradient = conv_input_gradient_portable,
    .transpose = transpose_portable,
    .dense_forward = dense_forward_portable,
    .dense_backward = dense_backward_portable,
};

const stl_kernel_set *stl_portable_kernels(void) { return &portable_kernels; }

/* ---- the AVX2 + FMA build ---- */

#ifdef STL_HAS_AVX2_BUILD

AVX2_TARGET static void dense_forward_avx2(const float *bias, float *values, int rows, int columns, int relu_on) {
    dense_forward_body(bias, values, rows, columns, relu_on);
}

AVX2_TARGET static void dense_backward_avx2(float *gradient, const float *activations, int rows, int columns,
                                            int relu_on, float *bias_gradient) {
    dense_backward_body(gradient, activations, rows, columns, relu_on, bias_gradient);
}

/* Even- and odd-indexed entries of the 16 floats x, y (x first), in order. */
AVX2_TARGET static inline __m256 even_entries(__m256 x, __m256 y) {
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(x, y, 0x88)), 0xD8));
}

AVX2_TARGET static inline __m256 odd_entries(__m256 x, __m256 y) {
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(x, y, 0xDD)), 0xD8));
}

/* One step of 8 windows' pooling: a candidate later in row-major order replaces the best so far (and its
 * index the winner) only if it is greater. */
AVX2_TARGET static inline void pool_candidate(__m256 *best, __m256i *at, __m256 candidate, __m256i index) {
    __m256 wins = _mm256_cmp_ps(candidate, *best, _CMP_GT_OQ);
    *best = _mm256_blendv_ps(*best, candidate, wins);
    *at = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(*at), _mm256_castsi256_ps(index), wins));
}

/* One block: 8 windows whose first top-left input is `corner_index`; stores outputs and winners
 * (indices into input, plus index_shift). */
AVX2_TARGET static inline void pool_block(const float *input, ptrdiff_t corner_index, int side, __m256 bias,
                                          float *output, int32_t *winners, int32_t index_shift) {
    const __m256i steps = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    const __m256i one = _mm256_set1_epi32(1), down = _mm256_set1_epi32(side);
    const float *upper = input + corner_index, *lower = upper + side;
    __m256 u0 = _mm256_loadu_ps(upper), u1 = _mm256_loadu_ps(upper + 8);
    __m256 l0 = _mm256_loadu_ps(lower), l1 = _mm256_loadu_ps(lower + 8);
    __m256i corner = _mm256_add_epi32(_mm256_set1_epi32((int32_t)corner_index), steps);
    __m256 best = even_entries(u0, u1);
    __m256i at = corner;
    pool_candidate(&best, &at, odd_entries(u0, u1), _mm256_add_epi32(corner, one));
    pool_candidate(&best, &at, even_entries(l0, l1), _mm256_add_epi32(corner, down));
    pool_candidate(&best, &at, odd_entries(l0, l1), _mm256_add_epi32(_mm256_add_epi32(corner, down), one));
    _mm256_storeu_ps(output, _mm256_max_ps(_mm256_setzero_ps(), _mm256_add_ps(best, bias)));
    _mm256_storeu_si256((__m256i *)winners, _mm256_add_epi32(at, _mm256_set1_epi32(index_shift)));
}

/* Most taps (input channels x 25) the channel-lane kernels take. */
enum { CHANNEL_KERNEL_TAPS = 16 * 25 };

/* Output channels conv_pool_rows_avx2 puts in the lanes at a time. */
enum { ROW_KERNEL_CHANNELS = 6 };

/* The weights ([channels][taps]) of output channels first..first+group-1 with output channels in the
 * lanes: lanes[t*width + k] = weight t of channel first+k, the lanes from group to width zero. */
ALWAYS_INLINE void weights_in_lanes(const float *weights, int taps, int first, int group, int width, float *lanes) {
    for (int t = 0; t < taps; t++)
        for (int k = 0; k < width; k++)
            lanes[t * width + k] = k < group ? weights[(ptrdiff_t)(first + k) * taps + t] : 0.0f;
}

/* One step of row_segment: the tap's weight of channel k broadcast, times the segment's WIDTH input
 * pixels (p0, p1). */
#define ROW_SEGMENT_TAP(k)                                                                                     \
    {                                                                                                          \
        __m256 v = _mm256_broadcast_ss(w + k);                                                                 \
        a##k = _mm256_fmadd_ps(v, p0, a##k);                                                                   \
        b##k = _mm256_fmadd_ps(v, p1, b##k);                                                                   \
    }

/* WIDTH (16 or 12) raw outputs of one row from x, of ROW_KERNEL_CHANNELS channels (taps_t: [tap][8],
 * lanes past the group zero), into raw[c][x...]: 12 accumulators, each tap two loads of the input
 * row (the second one half a vector when WIDTH is 12, so no load leaves the row) and 6 broadcasts. */
#define ROW_SEGMENT(WIDTH)                                                                                     \
    AVX2_TARGET ALWAYS_INLINE void row_segment_##WIDTH(const float *row0, int in_channels, int plane_stride,   \
                                                       int in_side, const float (*taps_t)[8], int x,         \
                                                       float (*raw)[2 * 28], int dy) {                        \
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;                          \
        __m256 b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0;                                           \
        for (int ci = 0; ci < in_channels; ci++)                                                               \
            for (int ky = 0; ky < 5; ky++)                                                                     \
                for (int kx = 0; kx < 5; kx++) {                                                               \
                    const float *source = row0 + (ptrdiff_t)ci * plane_stride + ky * in_side + x + kx;         \
                    const float *w = taps_t[(ci * 5 + ky) * 5 + kx];                                           \
                    __m256 p0 = _mm256_loadu_ps(source);                                                       \
                    __m256 p1 = WIDTH == 16 ? _mm256_loadu_ps(source + 8)                                      \
                                            : _mm256_castps128_ps256(_mm_loadu_ps(source + 8));                \
                    ROW_SEGMENT_TAP(0) ROW_SEGMENT_TAP(1) ROW_SEGMENT_TAP(2)                                   \
                    ROW_SEGMENT_TAP(3) ROW_SEGMENT_TAP(4) ROW_SEGMENT_TAP(5)                                   \
                }                                                                                              \
        __m256 first[6] = {a0, a1, a2, a3, a4, a5}, second[6] = {b0, b1, b2, b3, b4, b5};                      \
        for (int c = 0; c < 6; c++) {                                                                          \
            float *out = raw[c] + dy * 28 + x;                                                                 \
            _mm256_storeu_ps(out, first[c]);                                                                   \
            if (WIDTH == 16) _mm256_storeu_ps(out + 8, second[c]);                                             \
            else _mm_storeu_ps(out + 8, _mm256_castps256_ps128(second[c]));                                    \
        }                                                                                                      \
    }
ROW_SEGMENT(16)
ROW_SEGMENT(12)

/* conv_pool_forward for raw rows of 28 (conv1's shape): output channels in the lanes, 6 at a time (the
 * lanes above unused), so a tap's weights are 6 broadcasts and each input segment feeds all 6
 * channels; a raw row is a segment of 16 pixels and one of 12, and a pair of rows is pooled at once. */
AVX2_TARGET ALWAYS_INLINE void conv_pool_rows_body(const float *input, int images, int in_channels,
                                                   int image_stride, int plane_stride, const float *weights,
                                                   const float *bias, int channels, float *output, int32_t *winners) {
    int taps = in_channels * 25;
    _Alignas(32) float taps_t[CHANNEL_KERNEL_TAPS][8];
    float raw[ROW_KERNEL_CHANNELS][2 * 28];
    for (int c0 = 0; c0 < channels; c0 += ROW_KERNEL_CHANNELS) {
        int group = channels - c0 < ROW_KERNEL_CHANNELS ? channels - c0 : ROW_KERNEL_CHANNELS;
        weights_in_lanes(weights, taps, c0, group, 8, &taps_t[0][0]);
        for (int i = 0; i < images; i++) {
            const float *image = input + (ptrdiff_t)i * image_stride;
            for (int py = 0; py < 14; py++) {
                for (int dy = 0; dy < 2; dy++) {
                    const float *row0 = image + (ptrdiff_t)(2 * py + dy) * 32;
                    row_segment_16(row0, in_channels, plane_stride, 32, (const float (*)[8])taps_t, 0, raw, dy);
                    row_segment_12(row0, in_channels, plane_stride, 32, (const float (*)[8])taps_t, 16, raw, dy);
                }
                /* 14 pooled outputs a channel: a block of 8 from 0 and one overlapping it from 6
                 * (rewriting 2 with the same values). */
                for (int k = 0; k < group; k++) {
                    int c = c0 + k;
                    int32_t shift = (int32_t)(((ptrdiff_t)c * images + i) * 784 + (ptrdiff_t)2 * py * 28);
                    ptrdiff_t pooled = ((ptrdiff_t)i * channels + c) * 196 + py * 14;
                    const __m256 b = _mm256_set1_ps(bias[c]);
                    pool_block(raw[k], 0, 28, b, output + pooled, winners + pooled, shift);
                    pool_block(raw[k], 12, 28, b, output + pooled + 6, winners + pooled + 6, shift);
                }
            }
        }
    }
}

/* One step of conv_row_channels: input pixel j of the block broadcast, times the tap's weights of the
 * 16 channels (lo, hi). */
#define CHANNEL_PIXEL_TAP(j)                                                                                   \
    {                                                                                                          \
        __m256 v = _mm256_broadcast_ss(row + kx + j);                                                          \
        a##j = _mm256_fmadd_ps(lo, v, a##j);                                                                   \
        b##j = _mm256_fmadd_ps(hi, v, b##j);                                                                   \
    }

/* One raw output row of 10 pixels, 16 channels, of one image: two blocks of 5 pixels x
 * 16 channels (10 accumulators), each tap one weight pair (taps_t: [tap][16]) and 5 broadcasts. */
AVX2_TARGET static inline void conv_row_channels(const float *image, int in_channels, int plane_stride,
                                                 const float *taps_t, float (*raw)[16]) {
    for (int x0 = 0; x0 < 10; x0 += 5) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
        __m256 b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0;
        const float *w = taps_t;
        for (int ci = 0; ci < in_channels; ci++)
            for (int ky = 0; ky < 5; ky++) {
                const float *row = image + (ptrdiff_t)ci * plane_stride + ky * 14 + x0;
                for (int kx = 0; kx < 5; kx++, w += 16) {
                    __m256 lo = _mm256_load_ps(w), hi = _mm256_load_ps(w + 8);
                    CHANNEL_PIXEL_TAP(0) CHANNEL_PIXEL_TAP(1) CHANNEL_PIXEL_TAP(2)
                    CHANNEL_PIXEL_TAP(3) CHANNEL_PIXEL_TAP(4)
                }
            }
        float (*out)[16] = raw + x0;
        _mm256_store_ps(out[0], a0); _mm256_store_ps(out[0] + 8, b0);
        _mm256_store_ps(out[1], a1); _mm256_store_ps(out[1] + 8, b1);
        _mm256_store_ps(out[2], a2); _mm256_store_ps(out[2] + 8, b2);
        _mm256_store_ps(out[3], a3); _mm256_store_ps(out[3] + 8, b3);
        _mm256_store_ps(out[4], a4); _mm256_store_ps(out[4] + 8, b4);
    }
}

/* conv_pool_rows_body, with conv1's single input channel as a constant (so a segment's 25 taps unroll). */
AVX2_TARGET static void conv_pool_rows_avx2(const float *input, int images, int in_channels, int image_stride,
                                            int plane_stride, const float *weights, const float *bias, int channels,
                                            float *output, int32_t *winners) {
    if (in_channels == 1)
        conv_pool_rows_body(input, images, 1, image_stride, plane_stride, weights, bias, channels, output, winners);
    else
        conv_pool_rows_body(input, images, in_channels, image_stride, plane_stride, weights, bias, channels, output,
                            winners);
}

/* conv_pool_forward for conv2's shape (rows of 14 in, 10 out) with channels a multiple of 16: output
 * channels are the vector lanes, so each tap's weights for 16 channels are two loads and each input a
 * broadcast; a pair of raw rows (20 pixels x 16 channels) is pooled as soon as it is computed. */
AVX2_TARGET static void conv_pool_channels_avx2(const float *input, int images, int in_channels,
                                                int image_stride, int plane_stride, const float *weights,
                                                const float *bias, int channels, float *output, int32_t *winners) {
    int taps = in_channels * 25;
    _Alignas(32) float taps_t[CHANNEL_KERNEL_TAPS][16];
    _Alignas(32) float raw[2][10][16];
    _Alignas(32) float best_lanes[16];
    _Alignas(32) int32_t at_lanes[16];
    for (int c0 = 0; c0 < channels; c0 += 16) {
        weights_in_lanes(weights, taps, c0, 16, 16, &taps_t[0][0]);
        const __m256 bias_lo = _mm256_loadu_ps(bias + c0), bias_hi = _mm256_loadu_ps(bias + c0 + 8);
        const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        for (int i = 0; i < images; i++) {
            const float *image = input + (ptrdiff_t)i * image_stride;
            /* raw-output index of pixel 0 of channel c0 + lane, image i: ((c*images + i) * 100) */
            const __m256i start_lo = _mm256_mullo_epi32(
                _mm256_add_epi32(_mm256_mullo_epi32(_mm256_add_epi32(lanes, _mm256_set1_epi32(c0)),
                                                    _mm256_set1_epi32(images)), _mm256_set1_epi32(i)),
                _mm256_set1_epi32(100));
            const __m256i start_hi = _mm256_add_epi32(start_lo, _mm256_set1_epi32(8 * images * 100));
            for (int py = 0; py < 5; py++) {
                conv_row_channels(image + 2 * py * 14, in_channels, plane_stride, &taps_t[0][0], raw[0]);
                conv_row_channels(image + (2 * py + 1) * 14, in_channels, plane_stride, &taps_t[0][0], raw[1]);
                for (int px = 0; px < 5; px++) {
                    int32_t pixel = 2 * py * 10 + 2 * px;
                    for (int half = 0; half < 2; half++) {
                        const float *p00 = raw[0][2 * px] + 8 * half, *p01 = raw[0][2 * px + 1] + 8 * half;
                        const float *p10 = raw[1][2 * px] + 8 * half, *p11 = raw[1][2 * px + 1] + 8 * half;
                        __m256i start = half ? start_hi : start_lo;
                        __m256 best = _mm256_load_ps(p00);
                        __m256i at = _mm256_add_epi32(start, _mm256_set1_epi32(pixel));
                        pool_candidate(&best, &at, _mm256_load_ps(p01), _mm256_add_epi32(start, _mm256_set1_epi32(pixel + 1)));
                        pool_candidate(&best, &at, _mm256_load_ps(p10), _mm256_add_epi32(start, _mm256_set1_epi32(pixel + 10)));
                        pool_candidate(&best, &at, _mm256_load_ps(p11), _mm256_add_epi32(start, _mm256_set1_epi32(pixel + 11)));
                        best = _mm256_max_ps(_mm256_setzero_ps(), _mm256_add_ps(best, half ? bias_hi : bias_lo));
                        _mm256_store_ps(best_lanes + 8 * half, best);
                        _mm256_store_si256((__m256i *)(at_lanes + 8 * half), at);
                    }
                    ptrdiff_t out = ((ptrdiff_t)i * channels + c0) * 25 + py * 5 + px;
                    for (int c = 0; c < 16; c++) {
                        output[out + c * 25] = best_lanes[c];
                        winners[out + c * 25] = at_lanes[c];
                    }
                }
            }
        }
    }
}

/* conv_pool_forward: conv1's shape (rows of 32 in) with 6 output channels in the lanes, conv2's (rows of 14,
 * 16 channels) with 16. */
AVX2_TARGET static void conv_pool_forward_avx2(const float *input, int images, int in_channels, int in_side,
                                               int image_stride, int plane_stride, const float *weights,
                                               const float *bias, int channels, float *output, int32_t *winners) {
    if (in_side == 32 && in_channels * 25 <= CHANNEL_KERNEL_TAPS)
        conv_pool_rows_avx2(input, images, in_channels, image_stride, plane_stride, weights, bias, channels, output,
                            winners);
    else if (in_side == 14 && channels % 16 == 0 && in_channels * 25 <= CHANNEL_KERNEL_TAPS)
        conv_pool_channels_avx2(input, images, in_channels, image_stride, plane_stride, weights, bias, channels,
                                output, winners);
    else
        conv_pool_forward_portable(input, images, in_channels, in_side, image_stride, plane_stride, weights, bias,
                                   channels, output, winners);
}

/* Set-bit positions of each 4-bit mask, one a byte from the lowest. */
static const uint32_t nibble_positions[16] = {
    0x00000000, 0x00000000, 0x00000001, 0x00000100, 0x00000002, 0x00000200, 0x00000201, 0x00020100,
    0x00000003, 0x00000300, 0x00000301, 0x00030100, 0x00000302, 0x00030200, 0x00030201, 0x03020100,
};

/* Lane indices that move the lanes set in an 8-bit mask to the front, in order (the rest: any lane). */
AVX2_TARGET static inline __m256i compress_indices(int mask) {
    int low = mask & 15;
    uint64_t packed = nibble_positions[low] |
                      (uint64_t)(nibble_positions[mask >> 4] + 0x04040404u) << (8 * __builtin_popcount(low));
    return _mm256_cvtepu8_epi32(_mm_cvtsi64_si128((long long)packed));
}

/* route_block_step in AVX2: the active outputs of 8 are packed to the front of a vector and stored at
 * the end of the list (the lanes after them are overwritten by what comes next). The entries are
 * route_entry's: integers computed exactly, gradients copied. */
AVX2_TARGET static inline int route_block_avx2(const float *output_gradient, const float *output,
                                               const int32_t *winners, ptrdiff_t at, int32_t plane_start, int side,
                                               int32_t first, int in_side, int pixel_stride, float *gradient,
                                               int32_t *offset, int count) {
    int mask = _mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(output + at), _mm256_setzero_ps(), _CMP_GT_OQ));
    __m256i local = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(winners + at)), _mm256_set1_epi32(plane_start));
    /* y = local / side: (local + 0.5) / side is at least 0.5 / side from an integer, and local < 2^22. */
    __m256i y = _mm256_cvttps_epi32(_mm256_mul_ps(_mm256_add_ps(_mm256_cvtepi32_ps(local), _mm256_set1_ps(0.5f)),
                                                  _mm256_set1_ps(1.0f / side)));
    /* first + (y*in_side + x)*pixel_stride = first + (local + y*(in_side - side))*pixel_stride */
    __m256i pixel = _mm256_add_epi32(local, _mm256_mullo_epi32(y, _mm256_set1_epi32(in_side - side)));
    __m256i entry = _mm256_add_epi32(_mm256_set1_epi32(first), _mm256_mullo_epi32(pixel, _mm256_set1_epi32(pixel_stride)));
    __m256i order = compress_indices(mask);
    _mm256_storeu_ps(gradient + count, _mm256_permutevar8x32_ps(_mm256_loadu_ps(output_gradient + at), order));
    _mm256_storeu_si256((__m256i *)(offset + count), _mm256_permutevar8x32_epi32(entry, order));
    return count + __builtin_popcount(mask);
}

AVX2_TARGET static void route_pooled_avx2(const float *output_gradient, const float *output, const int32_t *winners,
                                          int channels, int side, int image_stride, int in_side, int pixel_stride,
                                          stl_routes routes, float *bias_gradient) {
    /* The block step's row comes from a float division, exact only for smaller planes. */
    if ((ptrdiff_t)side * side < (1 << 22))
        route_pooled_body(output_gradient, output, winners, channels, side, image_stride, in_side, pixel_stride,
                          routes, bias_gradient, route_block_avx2);
    else
        route_pooled_body(output_gradient, output, winners, channels, side, image_stride, in_side, pixel_stride,
                          routes, bias_gradient, NULL);
}

/* The first `count` lanes. */
AVX2_TARGET static inline __m256i lanes_below(int count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* One route's step of a weight gradient's 5 row chains (kernel 5): sum[ky] += g * the window's row ky,
 * one masked load each (never reading past a row's 5 entries, so the input needs no padding). */
AVX2_TARGET static inline void add_window_rows(__m256 *sum, const float *gradient, const float *window, int in_side,
                                               __m256i mask) {
    const __m256 g = _mm256_broadcast_ss(gradient);
    for (int ky = 0; ky < 5; ky++)
        sum[ky] = _mm256_fmadd_ps(g, _mm256_maskload_ps(window + ky * in_side, mask), sum[ky]);
}

/* The weight gradient of a kernel of 5 over one input channel (5 rows of 5 pixels) for two output
 * channels (lists a and b) at once: 10 independent chains, where one channel's 5 are too few for the
 * multiply-adds' latency; each row is still one chain in its list's order. */
AVX2_TARGET static inline void weight_gradient_pair(const float *input, int in_side, const float *gradient_a,
                                                    const int32_t *offset_a, int count_a, float *rows_a,
                                                    const float *gradient_b, const int32_t *offset_b, int count_b,
                                                    float *rows_b) {
    const __m256i mask = lanes_below(5);
    __m256 a[5], b[5];
    for (int r = 0; r < 5; r++) {
        a[r] = _mm256_maskload_ps(rows_a + r * 5, mask);
        b[r] = _mm256_maskload_ps(rows_b + r * 5, mask);
    }
    int e = 0;
    for (; e < count_a && e < count_b; e++) {
        add_window_rows(a, gradient_a + e, input + offset_a[e], in_side, mask);
        add_window_rows(b, gradient_b + e, input + offset_b[e], in_side, mask);
    }
    for (int rest = e; rest < count_a; rest++) add_window_rows(a, gradient_a + rest, input + offset_a[rest], in_side, mask);
    for (int rest = e; rest < count_b; rest++) add_window_rows(b, gradient_b + rest, input + offset_b[rest], in_side, mask);
    for (int r = 0; r < 5; r++) {
        _mm256_maskstore_ps(rows_a + r * 5, mask, a[r]);
        _mm256_maskstore_ps(rows_b + r * 5, mask, b[r]);
    }
}

/* Receptive-field rows first..first+pass_rows-1 of one output channel's weight gradient, held in
 * `lanes` as padded rows (padded_positions) of rows.vectors vectors, passed as `vectors` (a constant
 * at each call; pass_rows <= 5 and pass_rows*vectors <= 12): the chains in registers, each route
 * adding its field's rows, the last vector of a row a masked load that stops at the row's end. */
AVX2_TARGET ALWAYS_INLINE void weight_gradient_rows(const float *input, window_rows rows, int first, int pass_rows,
                                                    int vectors, const float *gradient, const int32_t *offset,
                                                    int count, float *lanes) {
    const __m256i last = lanes_below(rows.length - 8 * (vectors - 1));
    __m256 sum[12];
    ptrdiff_t at[5];
    float *pass = lanes + first * 8 * vectors;
    for (int r = 0; r < pass_rows; r++) {
        at[r] = row_offset(rows, first + r);
        for (int v = 0; v < vectors; v++) sum[r * vectors + v] = _mm256_load_ps(pass + (r * vectors + v) * 8);
    }
    for (int e = 0; e < count; e++) {
        const __m256 g = _mm256_broadcast_ss(gradient + e);
        const float *window = input + offset[e];
        for (int r = 0; r < pass_rows; r++)
            for (int v = 0; v < vectors; v++) {
                const float *source = window + at[r] + 8 * v;
                __m256 x = v + 1 < vectors ? _mm256_loadu_ps(source) : _mm256_maskload_ps(source, last);
                sum[r * vectors + v] = _mm256_fmadd_ps(g, x, sum[r * vectors + v]);
            }
    }
    for (int r = 0; r < pass_rows; r++)
        for (int v = 0; v < vectors; v++) _mm256_store_ps(pass + (r * vectors + v) * 8, sum[r * vectors + v]);
}

/* One output channel's weight gradient over its list, its rows in passes of at most 12 chains (the
 * shapes LeNet-5 uses as constants: conv2's channels-last rows of 4 vectors, planar rows of 1). */
AVX2_TARGET static void weight_gradient_channel(const float *input, window_rows rows, int taps,
                                                const int32_t *position, const float *gradient,
                                                const int32_t *offset, int count, float *weight_gradient) {
    _Alignas(32) float lanes[STL_PADDED_FLOATS];
    pad_kernel(weight_gradient, rows, taps, position, lanes);
    int r = 0;
    if (rows.vectors == 4) {
        for (; r + 3 <= rows.count; r += 3) weight_gradient_rows(input, rows, r, 3, 4, gradient, offset, count, lanes);
        if (r + 2 <= rows.count) {
            weight_gradient_rows(input, rows, r, 2, 4, gradient, offset, count, lanes);
            r += 2;
        }
    } else if (rows.vectors == 1)
        for (; r + 5 <= rows.count; r += 5) weight_gradient_rows(input, rows, r, 5, 1, gradient, offset, count, lanes);
    for (; r < rows.count; r++) switch (rows.vectors) {
        case 1: weight_gradient_rows(input, rows, r, 1, 1, gradient, offset, count, lanes); break;
        case 2: weight_gradient_rows(input, rows, r, 1, 2, gradient, offset, count, lanes); break;
        case 3: weight_gradient_rows(input, rows, r, 1, 3, gradient, offset, count, lanes); break;
        default: weight_gradient_rows(input, rows, r, 1, 4, gradient, offset, count, lanes); break;
        }
    for (int t = 0; t < taps; t++) weight_gradient[t] = lanes[position[t]];
}

AVX2_TARGET static void conv_weight_gradient_avx2(const float *input, int in_channels, int plane_stride, int pixel_stride,
                                                  int in_side, int kernel, stl_routes routes, int channels,
                                                  float *weight_gradient) {
    window_rows rows = receptive_rows(in_channels, plane_stride, pixel_stride, in_side, kernel);
    if (kernel != 5 || rows.vectors > 4 || rows.count * 8 * rows.vectors > STL_PADDED_FLOATS) {
        conv_weight_gradient_portable(input, in_channels, plane_stride, pixel_stride, in_side, kernel, routes, channels,
                                      weight_gradient);
        return;
    }
    int taps = in_channels * 25, c = 0;
    /* One input channel (conv1): output channels in pairs. */
    if (in_channels == 1 && pixel_stride == 1)
        for (; c + 2 <= channels; c += 2) {
            ptrdiff_t a = (ptrdiff_t)c * routes.capacity, b = a + routes.capacity;
            weight_gradient_pair(input, in_side, routes.gradient + a, routes.offset + a, listed(routes, c),
                                 weight_gradient + (ptrdiff_t)c * taps, routes.gradient + b, routes.offset + b,
                                 listed(routes, c + 1), weight_gradient + (ptrdiff_t)(c + 1) * taps);
        }
    if (c == channels) return;
    int32_t position[STL_PADDED_FLOATS];
    padded_positions(rows, in_channels, position);
    for (; c < channels; c++)
        weight_gradient_channel(input, rows, taps, position, routes.gradient + (ptrdiff_t)c * routes.capacity,
                                routes.offset + (ptrdiff_t)c * routes.capacity, listed(routes, c),
                                weight_gradient + (ptrdiff_t)c * taps);
}

/* scatter_route_step in AVX2: one load, multiply-add and store per vector of a row; the shapes
 * LeNet-5 uses (conv2's 5 channels-last rows of 4 vectors, planar rows of 1) as constants. */
AVX2_TARGET ALWAYS_INLINE void scatter_rows_avx2(float *target, const float *padded, float gradient, window_rows rows,
                                                 int count, int vectors) {
    const __m256 g = _mm256_set1_ps(gradient);
    for (int r = 0; r < count; r++) {
        float *row = target + row_offset(rows, r);
        for (int v = 0; v < vectors; v++)
            _mm256_storeu_ps(row + 8 * v, _mm256_fmadd_ps(g, _mm256_load_ps(padded + (r * vectors + v) * 8),
                                                          _mm256_loadu_ps(row + 8 * v)));
    }
}

/* For conv2's channels-last fields (5 rows of 30 floats), with the shape as constants. */
AVX2_TARGET static inline void scatter_channels_last_avx2(float *target, const float *padded, float gradient,
                                                          window_rows rows) {
    rows.kernel = 5;
    scatter_rows_avx2(target, padded, gradient, rows, 5, 4);
}

AVX2_TARGET static inline void scatter_route_avx2(float *target, const float *padded, float gradient,
                                                  window_rows rows) {
    scatter_rows_avx2(target, padded, gradient, rows, rows.count, rows.vectors);
}

AVX2_TARGET static void conv_input_gradient_avx2(const float *weights, int in_channels, int plane_stride, int pixel_stride,
                                                 int in_side, int kernel, stl_routes routes, int channels,
                                                 float *input_gradient) {
    window_rows rows = receptive_rows(in_channels, plane_stride, pixel_stride, in_side, kernel);
    if (kernel == 5 && rows.count == 5 && rows.vectors == 4)
        conv_input_gradient_body(weights, in_channels, rows, routes, channels, input_gradient,
                                 scatter_channels_last_avx2);
    else
        conv_input_gradient_body(weights, in_channels, rows, routes, channels, input_gradient, scatter_route_avx2);
}

AVX2_TARGET static void transpose_avx2(const float *source, int images, int rows, int columns, float *destination) {
    transpose_shapes(source, images, rows, columns, destination);
}

static const stl_kernel_set avx2_kernels = {
    .name = "avx2",
    .conv_pool_forward = conv_pool_forward_avx2,
    .route_pooled = route_pooled_avx2,
    .conv_weight_gradient = conv_weight_gradient_avx2,
    .conv_input_gradient = conv_input_gradient_avx2,
    .transpose = transpose_avx2,
    .dense_forward = dense_forward_avx2,
    .dense_backward = dense_backward_avx2,
};

const stl_kernel_set *stl_avx2_kernels(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? &avx2_kernels : NULL;
}

#else

const stl_kernel_set *stl_avx2_kernels(void) { return NULL; }

#endif
