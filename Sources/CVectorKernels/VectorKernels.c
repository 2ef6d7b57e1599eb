/* Each kernel's body is written once as an always-inline function and compiled twice: into the
 * portable functions and into functions that carry target("avx2,fma"). Row lengths the network uses
 * (28 and 10 outputs per row, 14 pooled outputs) are passed as constants so the compiler unrolls and
 * vectorises those rows for each target. Pooling and its backward pass are explicit AVX2 for blocks
 * of 8 pooled outputs of a row (a row longer than a block ends with a block overlapping the one
 * before; planes with rows shorter than a block are taken flat); the portable build runs the same blocks
 * element by element and sums in the same order, so both builds agree bit for bit. */
#include "CVectorKernels.h"

#include <stddef.h>
#include <string.h>

#define ALWAYS_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define STL_HAS_AVX2_BUILD 1
#include <immintrin.h>
#define AVX2_TARGET __attribute__((target("avx2,fma")))
#endif

/* Pooled outputs per block: one AVX2 vector. */
enum { BLOCK = 8 };

ALWAYS_INLINE void copy_row(float *restrict destination, const float *restrict source, int count) {
    for (int j = 0; j < count; j++) destination[j] = source[j];
}

ALWAYS_INLINE void add_row(float *restrict destination, const float *restrict source, int count) {
    for (int j = 0; j < count; j++) destination[j] += source[j];
}

/* ---- im2col and its adjoint ---- */

/* Walks the patch matrix and the planes it is taken from in step: with `adding` 0 copies each source
 * row into the patches (unfold), otherwise adds each patch row back onto its source row (the adjoint).
 * `planes` is only read when not adding. */
ALWAYS_INLINE void walk_patches(float *planes, float *patches, int images, int channels, int side,
                                int image_stride, int plane_stride, int kernel, int out, int adding) {
    float *patch_row = patches;
    for (int c = 0; c < channels; c++)
        for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++) {
                float *image = planes + (ptrdiff_t)c * plane_stride + (ptrdiff_t)ky * side + kx;
                for (int i = 0; i < images; i++) {
                    float *row = image;
                    for (int y = 0; y < out; y++) {
                        if (adding) add_row(row, patch_row, out);
                        else copy_row(patch_row, row, out);
                        row += side;
                        patch_row += out;
                    }
                    image += image_stride;
                }
            }
}

/* walk_patches with the row lengths LeNet-5 uses (28 and 10 outputs) as constants. */
ALWAYS_INLINE void walk_patches_body(float *planes, float *patches, int images, int channels, int side,
                                     int image_stride, int plane_stride, int kernel, int adding) {
    int out = side - kernel + 1;
    if (out == 28) walk_patches(planes, patches, images, channels, side, image_stride, plane_stride, kernel, 28, adding);
    else if (out == 10) walk_patches(planes, patches, images, channels, side, image_stride, plane_stride, kernel, 10, adding);
    else walk_patches(planes, patches, images, channels, side, image_stride, plane_stride, kernel, out, adding);
}

ALWAYS_INLINE void unfold_body(const float *source, int images, int channels, int side, int image_stride,
                               int plane_stride, int kernel, float *patches) {
    walk_patches_body((float *)source, patches, images, channels, side, image_stride, plane_stride, kernel, 0);
}

ALWAYS_INLINE void fold_body(const float *patches, int images, int channels, int side, int image_stride,
                             int plane_stride, int kernel, float *gradient) {
    walk_patches_body(gradient, (float *)patches, images, channels, side, image_stride, plane_stride, kernel, 1);
}

/* ---- bias, ReLU and 2x2 max-pooling ---- */

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

/* Routes one pooled gradient into its window (writing all four entries); returns what it routed. */
ALWAYS_INLINE float route_window(float gradient, float output, int32_t winner, ptrdiff_t top, int side,
                                 float *input_gradient) {
    float g = select_float(output > 0.0f, gradient, 0.0f);
    ptrdiff_t w = winner;
    input_gradient[top] = select_float(w == top, g, 0.0f);
    input_gradient[top + 1] = select_float(w == top + 1, g, 0.0f);
    input_gradient[top + side] = select_float(w == top + side, g, 0.0f);
    input_gradient[top + side + 1] = select_float(w == top + side + 1, g, 0.0f);
    return g;
}

/* The fixed order in which both builds reduce 8 block lanes: (l0+l4 + l2+l6) + (l1+l5 + l3+l7). */
ALWAYS_INLINE float lane_sum(const float lanes[BLOCK]) {
    float t0 = lanes[0] + lanes[4], t1 = lanes[1] + lanes[5], t2 = lanes[2] + lanes[6], t3 = lanes[3] + lanes[7];
    return (t0 + t2) + (t1 + t3);
}

static void pool_forward_portable(const float *input, int channels, int images, int side, const float *bias,
                                  float *output, int32_t *winners) {
    int half = side / 2;
    ptrdiff_t plane = (ptrdiff_t)side * side, out = 0;
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++) {
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * plane;
            for (int oy = 0; oy < half; oy++) {
                ptrdiff_t top = plane_start + (ptrdiff_t)2 * oy * side;
                for (int ox = 0; ox < half; ox++, out++)
                    pool_window(input, top + 2 * ox, side, bias[c], output + out, winners + out);
            }
        }
}

/* Planes whose rows are shorter than a block are routed flat, as one run of half^2 pooled outputs:
 * the plane is zeroed, then each routed gradient is stored at its winner. Both builds sum whole
 * blocks of 8 lane by lane and the rest one by one, then lane_sum(lanes) + rest. */
ALWAYS_INLINE float route_flat_plane_scalar(const float *g, const float *o, const int32_t *w, int count,
                                            float *plane_gradient, ptrdiff_t plane_start, ptrdiff_t plane) {
    memset(plane_gradient + plane_start, 0, sizeof(float) * (size_t)plane);
    float lanes[BLOCK] = {0}, rest = 0.0f;
    int k = 0;
    for (; k + BLOCK <= count; k += BLOCK)
        for (int j = 0; j < BLOCK; j++) {
            float routed = select_float(o[k + j] > 0.0f, g[k + j], 0.0f);
            plane_gradient[w[k + j]] = routed;
            lanes[j] += routed;
        }
    for (; k < count; k++) {
        float routed = select_float(o[k] > 0.0f, g[k], 0.0f);
        plane_gradient[w[k]] = routed;
        rest += routed;
    }
    return lane_sum(lanes) + rest;
}

static void pool_backward_portable(const float *output_gradient, const float *output, const int32_t *winners,
                                   int channels, int images, int side, float *input_gradient,
                                   float *bias_gradient) {
    int half = side / 2, overlap = half % BLOCK ? BLOCK - half % BLOCK : 0;
    ptrdiff_t plane = (ptrdiff_t)side * side, row_start = 0;
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++) {
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * plane;
            if (half < BLOCK) {
                bias_gradient[c] += route_flat_plane_scalar(output_gradient + row_start, output + row_start,
                                                            winners + row_start, half * half, input_gradient,
                                                            plane_start, plane);
                row_start += half * half;
                continue;
            }
            float lanes[BLOCK] = {0};
            for (int oy = 0; oy < half; oy++, row_start += half) {
                ptrdiff_t top = plane_start + (ptrdiff_t)2 * oy * side;
                const float *g = output_gradient + row_start, *o = output + row_start;
                const int32_t *w = winners + row_start;
                for (int ox = 0; ox + BLOCK <= half; ox += BLOCK)
                    for (int j = 0; j < BLOCK; j++)
                        lanes[j] += route_window(g[ox + j], o[ox + j], w[ox + j], top + 2 * (ox + j), side,
                                                 input_gradient);
                if (overlap) {
                    /* The last block overlaps the one before; its first lanes are rewritten alike but
                     * not summed twice. */
                    for (int j = 0, x = half - BLOCK; j < BLOCK; j++, x++) {
                        float routed = route_window(g[x], o[x], w[x], top + 2 * x, side, input_gradient);
                        lanes[j] += j < overlap ? 0.0f : routed;
                    }
                }
            }
            bias_gradient[c] += lane_sum(lanes);
        }
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

static void unfold_portable(const float *source, int images, int channels, int side, int image_stride,
                            int plane_stride, int kernel, float *patches) {
    unfold_body(source, images, channels, side, image_stride, plane_stride, kernel, patches);
}

static void fold_adding_portable(const float *patches, int images, int channels, int side, int image_stride,
                                 int plane_stride, int kernel, float *gradient) {
    fold_body(patches, images, channels, side, image_stride, plane_stride, kernel, gradient);
}

static void dense_forward_portable(const float *bias, float *values, int rows, int columns, int relu_on) {
    dense_forward_body(bias, values, rows, columns, relu_on);
}

static void dense_backward_portable(float *gradient, const float *activations, int rows, int columns,
                                    int relu_on, float *bias_gradient) {
    dense_backward_body(gradient, activations, rows, columns, relu_on, bias_gradient);
}

static const stl_kernel_set portable_kernels = {
    .name = "portable",
    .unfold = unfold_portable,
    .fold_adding = fold_adding_portable,
    .pool_forward = pool_forward_portable,
    .pool_backward = pool_backward_portable,
    .dense_forward = dense_forward_portable,
    .dense_backward = dense_backward_portable,
};

const stl_kernel_set *stl_portable_kernels(void) { return &portable_kernels; }

/* ---- the AVX2 + FMA build ---- */

#ifdef STL_HAS_AVX2_BUILD

AVX2_TARGET static void unfold_avx2(const float *source, int images, int channels, int side, int image_stride,
                                    int plane_stride, int kernel, float *patches) {
    unfold_body(source, images, channels, side, image_stride, plane_stride, kernel, patches);
}

AVX2_TARGET static void fold_adding_avx2(const float *patches, int images, int channels, int side,
                                         int image_stride, int plane_stride, int kernel, float *gradient) {
    fold_body(patches, images, channels, side, image_stride, plane_stride, kernel, gradient);
}

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

AVX2_TARGET static inline __m256i pick(__m256i current, __m256i candidate, __m256 mask) {
    return _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(current), _mm256_castsi256_ps(candidate), mask));
}

/* Stores even[0], odd[0], even[1], odd[1], ... (16 floats) at destination. */
AVX2_TARGET static inline void store_interleaved(float *destination, __m256 even, __m256 odd) {
    __m256 low = _mm256_unpacklo_ps(even, odd), high = _mm256_unpackhi_ps(even, odd);
    _mm256_storeu_ps(destination, _mm256_permute2f128_ps(low, high, 0x20));
    _mm256_storeu_ps(destination + 8, _mm256_permute2f128_ps(low, high, 0x31));
}

/* One block: 8 windows whose first top-left input is `corner_index`; stores outputs and winners. */
AVX2_TARGET static inline void pool_block(const float *input, ptrdiff_t corner_index, int side, __m256 bias,
                                          float *output, int32_t *winners) {
    const __m256i steps = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    const __m256i one = _mm256_set1_epi32(1), down = _mm256_set1_epi32(side);
    const float *upper = input + corner_index, *lower = upper + side;
    __m256 u0 = _mm256_loadu_ps(upper), u1 = _mm256_loadu_ps(upper + 8);
    __m256 l0 = _mm256_loadu_ps(lower), l1 = _mm256_loadu_ps(lower + 8);
    __m256i corner = _mm256_add_epi32(_mm256_set1_epi32((int32_t)corner_index), steps);
    __m256 best = even_entries(u0, u1);
    __m256i at = corner;
    __m256 candidate = odd_entries(u0, u1);
    __m256 wins = _mm256_cmp_ps(candidate, best, _CMP_GT_OQ);
    best = _mm256_blendv_ps(best, candidate, wins);
    at = pick(at, _mm256_add_epi32(corner, one), wins);
    candidate = even_entries(l0, l1);
    wins = _mm256_cmp_ps(candidate, best, _CMP_GT_OQ);
    best = _mm256_blendv_ps(best, candidate, wins);
    at = pick(at, _mm256_add_epi32(corner, down), wins);
    candidate = odd_entries(l0, l1);
    wins = _mm256_cmp_ps(candidate, best, _CMP_GT_OQ);
    best = _mm256_blendv_ps(best, candidate, wins);
    at = pick(at, _mm256_add_epi32(_mm256_add_epi32(corner, down), one), wins);
    _mm256_storeu_ps(output, _mm256_max_ps(_mm256_setzero_ps(), _mm256_add_ps(best, bias)));
    _mm256_storeu_si256((__m256i *)winners, at);
}

AVX2_TARGET static void pool_forward_avx2(const float *input, int channels, int images, int side,
                                          const float *bias, float *output, int32_t *winners) {
    if (side / 2 < BLOCK) {
        /* Rows shorter than a block: masked loads and stores cost more than the scalar windows. */
        pool_forward_portable(input, channels, images, side, bias, output, winners);
        return;
    }
    int half = side / 2;
    ptrdiff_t plane = (ptrdiff_t)side * side, out = 0;
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++) {
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * plane;
            const __m256 b = _mm256_set1_ps(bias[c]);
            for (int oy = 0; oy < half; oy++, out += half) {
                ptrdiff_t top = plane_start + (ptrdiff_t)2 * oy * side;
                for (int ox = 0; ox + BLOCK <= half; ox += BLOCK)
                    pool_block(input, top + 2 * ox, side, b, output + out + ox, winners + out + ox);
                /* A last, overlapping block rewrites its first windows with the same values. */
                if (half % BLOCK)
                    pool_block(input, top + 2 * (half - BLOCK), side, b, output + out + half - BLOCK,
                               winners + out + half - BLOCK);
            }
        }
}

/* Routes one block of 8 pooled gradients into their windows; returns the routed values. */
AVX2_TARGET static inline __m256 route_block(const float *output_gradient, const float *output,
                                             const int32_t *winners, ptrdiff_t corner_index, int side,
                                             float *input_gradient) {
    const __m256i steps = _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14);
    const __m256 zero = _mm256_setzero_ps();
    __m256 active = _mm256_cmp_ps(_mm256_loadu_ps(output), zero, _CMP_GT_OQ);
    __m256 g = _mm256_and_ps(_mm256_loadu_ps(output_gradient), active);
    __m256i corner = _mm256_add_epi32(_mm256_set1_epi32((int32_t)corner_index), steps);
    __m256i offset = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)winners), corner);
    __m256 upper_even = _mm256_and_ps(g, _mm256_castsi256_ps(_mm256_cmpeq_epi32(offset, _mm256_setzero_si256())));
    __m256 upper_odd = _mm256_and_ps(g, _mm256_castsi256_ps(_mm256_cmpeq_epi32(offset, _mm256_set1_epi32(1))));
    __m256 lower_even = _mm256_and_ps(g, _mm256_castsi256_ps(_mm256_cmpeq_epi32(offset, _mm256_set1_epi32(side))));
    __m256 lower_odd = _mm256_and_ps(g, _mm256_castsi256_ps(_mm256_cmpeq_epi32(offset, _mm256_set1_epi32(side + 1))));
    store_interleaved(input_gradient + corner_index, upper_even, upper_odd);
    store_interleaved(input_gradient + corner_index + side, lower_even, lower_odd);
    return g;
}

/* pool_backward for rows shorter than a block: flat planes, as route_flat_plane_scalar. */
AVX2_TARGET static void pool_backward_flat_avx2(const float *output_gradient, const float *output,
                                                const int32_t *winners, int channels, int images, int side,
                                                float *input_gradient, float *bias_gradient) {
    int count = (side / 2) * (side / 2);
    ptrdiff_t plane = (ptrdiff_t)side * side, start = 0;
    const __m256 zero = _mm256_setzero_ps();
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++, start += count) {
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * plane;
            const float *g = output_gradient + start, *o = output + start;
            const int32_t *w = winners + start;
            memset(input_gradient + plane_start, 0, sizeof(float) * (size_t)plane);
            __m256 lanes = zero;
            float rest = 0.0f, routed[BLOCK];
            int k = 0;
            for (; k + BLOCK <= count; k += BLOCK) {
                __m256 active = _mm256_cmp_ps(_mm256_loadu_ps(o + k), zero, _CMP_GT_OQ);
                __m256 v = _mm256_and_ps(_mm256_loadu_ps(g + k), active);
                lanes = _mm256_add_ps(lanes, v);
                _mm256_storeu_ps(routed, v);
                for (int j = 0; j < BLOCK; j++) input_gradient[w[k + j]] = routed[j];
            }
            for (; k < count; k++) {
                float v = select_float(o[k] > 0.0f, g[k], 0.0f);
                input_gradient[w[k]] = v;
                rest += v;
            }
            float stored[BLOCK];
            _mm256_storeu_ps(stored, lanes);
            bias_gradient[c] += lane_sum(stored) + rest;
        }
}

AVX2_TARGET static void pool_backward_avx2(const float *output_gradient, const float *output,
                                           const int32_t *winners, int channels, int images, int side,
                                           float *input_gradient, float *bias_gradient) {
    if (side / 2 < BLOCK) {
        pool_backward_flat_avx2(output_gradient, output, winners, channels, images, side, input_gradient,
                                bias_gradient);
        return;
    }
    int half = side / 2, overlap = half % BLOCK ? BLOCK - half % BLOCK : 0;
    ptrdiff_t plane = (ptrdiff_t)side * side, row_start = 0;
    /* Lanes of the overlapping last block that were summed in the block before. */
    const __m256 fresh = _mm256_castsi256_ps(_mm256_cmpgt_epi32(
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(overlap - 1)));
    for (int i = 0; i < images; i++)
        for (int c = 0; c < channels; c++) {
            ptrdiff_t plane_start = ((ptrdiff_t)c * images + i) * plane;
            __m256 lanes = _mm256_setzero_ps();
            for (int oy = 0; oy < half; oy++, row_start += half) {
                ptrdiff_t top = plane_start + (ptrdiff_t)2 * oy * side;
                const float *g = output_gradient + row_start, *o = output + row_start;
                const int32_t *w = winners + row_start;
                int ox = 0;
                for (; ox + BLOCK <= half; ox += BLOCK)
                    lanes = _mm256_add_ps(lanes, route_block(g + ox, o + ox, w + ox, top + 2 * ox, side, input_gradient));
                if (overlap) {
                    int x = half - BLOCK;
                    __m256 routed = route_block(g + x, o + x, w + x, top + 2 * x, side, input_gradient);
                    lanes = _mm256_add_ps(lanes, _mm256_and_ps(routed, fresh));
                }
            }
            float stored[BLOCK];
            _mm256_storeu_ps(stored, lanes);
            bias_gradient[c] += lane_sum(stored);
        }
}

static const stl_kernel_set avx2_kernels = {
    .name = "avx2",
    .unfold = unfold_avx2,
    .fold_adding = fold_adding_avx2,
    .pool_forward = pool_forward_avx2,
    .pool_backward = pool_backward_avx2,
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
