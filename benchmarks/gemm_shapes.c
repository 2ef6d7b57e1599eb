/* Time of the matrix products LeNet-5's training step makes, at the shapes LeNet5Worker gives them
 * (conv2's forward product on chunks of 4 images; the dense layers over blocks of min(batch, 256)
 * rows), through OpenBLAS on one thread with hot caches. conv1's forward pass and both convolutions'
 * backward passes are no products (CVectorKernels computes them directly), so they are not here.
 * Usage: gemm_shapes BATCH. Prints one line per product: GFLOP/s and seconds per 60,000-example
 * epoch, then their total: the time an epoch would take if everything other than these products were
 * free. */
#include <gsl/gsl_cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void openblas_set_num_threads(int);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static float *filled(int count) {
    float *p = malloc(sizeof(float) * (size_t)count);
    for (int i = 0; i < count; i++) p[i] = (float)(i % 13) / 13 - 0.5f;
    return p;
}

/* Best of 5 rounds of `reps` calls; returns seconds per epoch given `calls` calls per epoch. */
static double product(const char *name, int ta, int tb, int m, int n, int k, float beta, double calls) {
    float *a = filled(m * k), *b = filled(k * n), *c = filled(m * n);
    int reps = 1 + (int)(2e8 / (2.0 * m * n * k));
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        for (int q = 0; q < reps; q++)
            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1,
                        a, ta ? m : k, b, tb ? k : n, beta, c, n);
        double t = (now() - t0) / reps;
        if (t < best) best = t;
    }
    printf("%-34s %4d x %5d x %5d  %6.1f GFLOP/s  %6.3f s/epoch\n", name, m, n, k, 2.0 * m * n * k / best / 1e9,
           best * calls);
    free(a);
    free(b);
    free(c);
    return best * calls;
}

int main(int argc, char **argv) {
    int batch = argc > 1 ? atoi(argv[1]) : 64;
    if (batch < 1) return 1;
    openblas_set_num_threads(1);
    int block = batch < 256 ? batch : 256;
    double chunks = 60000 / 4.0, blocks = 60000.0 / block, total = 0;
    total += product("conv2 forward", 0, 0, 16, 400, 150, 0, chunks);
    total += product("conv3 forward", 0, 1, block, 120, 400, 0, blocks);
    total += product("fc1 forward", 0, 1, block, 84, 120, 0, blocks);
    total += product("fc2 forward", 0, 1, block, 10, 84, 0, blocks);
    total += product("fc2 input gradient", 0, 0, block, 84, 10, 0, blocks);
    total += product("fc1 input gradient", 0, 0, block, 120, 84, 0, blocks);
    total += product("conv3 input gradient", 0, 0, block, 400, 120, 0, blocks);
    total += product("fc2 weight gradient", 1, 0, 10, 84, block, 1, blocks);
    total += product("fc1 weight gradient", 1, 0, 84, 120, block, 1, blocks);
    total += product("conv3 weight gradient", 1, 0, 120, 400, block, 1, blocks);
    printf("total %.3f s/epoch\n", total);
    return 0;
}
