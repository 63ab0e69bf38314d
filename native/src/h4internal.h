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

/*
 * A digested dictionary, read-only once made: both of zstd's digests (each holds its own copy of the bytes), or, for
 * bytes that start with zstd's dictionary magic taken as raw content (h4_dict_create_raw), a copy of the bytes that
 * decoders and streams reference as a prefix (the stable API digests such bytes only as a zstd-format dictionary)
 * and, where the loaded libzstd can make one, a compression digest of them as raw content (cdict; no ddict).
 */
struct h4_dict_s {
    ZSTD_CDict *cdict;
    ZSTD_DDict *ddict;
    void *prefix;
    size_t prefix_size;
    int level; /* the prefix's: a CDict carries its own */
    uint32_t id;
};

#endif
