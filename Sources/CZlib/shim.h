#ifndef STALENESS_CZLIB_SHIM_H
#define STALENESS_CZLIB_SHIM_H
#include <zlib.h>
#endif
