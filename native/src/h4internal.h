/*
 * What the core's sources share and do not export: libzstd's declarations (its
 * own headers when the -dev package is present, else the stable subset the
 * core uses) and the digested dictionary, which the streams of h4stream.c seed
 * themselves with.
 */
#ifndef H4_INTERNAL_H
#define H4_INTERNAL_H

#include "h4core.h"

#if defined(__has_include)
#  if __has_include(<zstd.h>) && __has_include(<zstd_errors.h>) && __has_include(<zdict.h>) \
      && !defined(H4_USE_BUNDLED_DECLS)
#    include <zstd.h>
#    include <zstd_errors.h>
#    include <zdict.h>
#  else
#    include "zstd_stable.h"
#  endif
#else
#  include "zstd_stable.h"
#endif

/* A digested dictionary: both of zstd's digests (each holds its own copy of the bytes), read-only once made. */
struct h4_dict_s {
    ZSTD_CDict *cdict;
    ZSTD_DDict *ddict;
    uint32_t id;
};

#endif
