/* Peak single-precision GEMM rate of this machine through OpenBLAS, the floor the training benchmark
 * compares LeNet-5 against. Usage: gemm_peak THREADS. Prints GFLOP/s (best of several 1024^3 runs). */
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

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    openblas_set_num_threads(threads);
    const int n = 1024;
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    for (int i = 0; i < n * n; i++) { a[i] = (float)(i % 7) - 3; b[i] = (float)(i % 5) - 2; c[i] = 0; }
    double best = 1e30;
    for (int r = 0; r < 8; r++) {
        double t0 = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
        double t = now() - t0;
        if (t < best) best = t;
    }
    printf("%.1f\n", 2.0 * n * n * n / best / 1e9);
    free(a); free(b); free(c);
    return 0;
}
