#ifndef STALENESS_CGSL_SHIM_H
#define STALENESS_CGSL_SHIM_H

// GSL headers used by the toolkit. BLAS goes through GSL's own CBLAS prototypes
// (gsl/gsl_cblas.h); the symbols resolve to OpenBLAS, which the module links first.
// OpenBLAS's own cblas.h is deliberately not included: it clashes with GSL's.
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>

// Swift 6 refuses to read mutable C globals; these accessors hand them out.
static inline const gsl_rng_type *staleness_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_multifit_nlinear_type *staleness_multifit_trust(void) {
    return gsl_multifit_nlinear_trust;
}
static inline const gsl_multifit_nlinear_trs *staleness_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_min_fminimizer_type *staleness_min_brent(void) { return gsl_min_fminimizer_brent; }
static inline const gsl_multimin_fminimizer_type *staleness_multimin_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

// OpenBLAS's thread control, declared here because its header cannot be included.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

#endif
