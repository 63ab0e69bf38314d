/*
 * The four kernel tables and the loader's choice among them (h4kernels.h). The library itself is built for plain
 * x86-64: AVX2 and AVX-512 (BW and VBMI) are taken only when the processor has them, asked once.
 */
#include "h4kernels.h"

#include <pthread.h>

#ifndef H4_FILTER_ISA_MAX
#  define H4_FILTER_ISA_MAX H4_ISA_AVX512
#endif

/* No vectors: the filters' plain C does everything. */
static const struct h4_kernels plain = {.name = "plain"};

#ifdef H4_HAVE_SSE2
static const struct h4_kernels sse2 = {
    .name = "sse2",
    .shuffle = h4_sse2_shuffle,
    .tile_shuffle = h4_sse2_shuffle,
    .unshuffle = h4_sse2_unshuffle,
    .shuffle_bytedelta = h4_sse2_shuffle_bytedelta,
    .undelta = h4_sse2_undelta,
    .planes = h4_sse2_planes,
};
#endif

#ifdef H4_HAVE_AVX
/* The AVX2 and AVX-512 tables: their own kernels, SSE2's where they have none, and a whole block's shuffle as given */
#define WIDE(isa, block_shuffle)                                                                                    \
    {                                                                                                               \
        .name = #isa, .shuffle = block_shuffle, .tile_shuffle = h4_##isa##_shuffle,                                 \
        .unshuffle = h4_sse2_unshuffle, .shuffle_bytedelta = h4_sse2_shuffle_bytedelta, .undelta = h4_sse2_undelta, \
        .planes = h4_##isa##_planes, .unplanes = h4_##isa##_unplanes, .wavelet_level = h4_##isa##_wavelet_level,    \
        .wavelet_evens = h4_##isa##_wavelet_evens, .wavelet_odds = h4_##isa##_wavelet_odds,                         \
    }
static const struct h4_kernels avx2 = WIDE(avx2, h4_avx2_shuffle);
/* A block's shuffle goes from memory to memory, where 64-byte vectors were slower than 32 (bench-filters, E = 2):
 * AVX2 at most. The bit shuffle's tiles stay in the L1 cache, where VBMI's permutations pay. */
static const struct h4_kernels avx512 = WIDE(avx512, h4_avx2_shuffle);
#endif

const char *h4_kernels_missing(int level) {
    if (level <= H4_ISA_PLAIN) {
        return NULL;
    }
#ifdef H4_HAVE_AVX
    __builtin_cpu_init(); /* the loader may ask from a constructor, before the compiler's own has run */
    /* The AVX-512 table runs AVX2 kernels too, so it asks for both: a hypervisor may hide one alone. */
    if (level >= H4_ISA_AVX2 && !__builtin_cpu_supports("avx2")) {
        return "avx2";
    }
    if (level >= H4_ISA_AVX512 && !__builtin_cpu_supports("avx512bw")) {
        return "avx512bw";
    }
    if (level >= H4_ISA_AVX512 && !__builtin_cpu_supports("avx512vbmi")) {
        return "avx512vbmi";
    }
    return level < H4_ISA_LEVELS ? NULL : "a level above avx512";
#elif defined(H4_HAVE_SSE2)
    return level == H4_ISA_SSE2 ? NULL : "a build with GCC's or Clang's target attribute on x86";
#else
    return "x86 (this build has plain C only)";
#endif
}

const struct h4_kernels *h4_kernels_at(int level) {
    if (h4_kernels_missing(level) != NULL) {
        return NULL;
    }
    switch (level) {
#ifdef H4_HAVE_AVX
    case H4_ISA_AVX512: return &avx512;
    case H4_ISA_AVX2: return &avx2;
#endif
#ifdef H4_HAVE_SSE2
    case H4_ISA_SSE2: return &sse2;
#endif
    default: return &plain;
    }
}

const struct h4_kernels *h4_kernels_best(int cap) {
    for (int level = cap < H4_ISA_LEVELS ? cap : H4_ISA_LEVELS - 1; level > H4_ISA_PLAIN; level--) {
        const struct h4_kernels *kernels = h4_kernels_at(level);
        if (kernels != NULL) {
            return kernels;
        }
    }
    return &plain;
}

/* Written once, by the first caller (the loader's: h4core.c's constructor asks for h4_info's name); read after. */
static const struct h4_kernels *chosen;
static pthread_once_t choose_once = PTHREAD_ONCE_INIT;

static void choose(void) {
    chosen = h4_kernels_best(H4_FILTER_ISA_MAX);
}

const struct h4_kernels *h4_kernels_in_use(void) {
    pthread_once(&choose_once, choose);
    return chosen;
}
