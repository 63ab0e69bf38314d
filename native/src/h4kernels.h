/*
 * The filters' vector loops (h4filters.c), one table of them per instruction set, as Blosc2's shuffle.c has: the
 * loader picks the widest table this processor runs, once, and every filter call goes through that table. Nothing
 * here is exported from the library.
 *
 * Each entry does what its vectors can, from the start, and returns how far it got; the filters' plain C does the
 * rest. An entry left NULL is a loop that set has no vectors for: plain C does all of it (the plain table is all
 * NULL). Every table gives the same bytes (h4filters_test, fuzz_filters).
 */
#ifndef H4KERNELS_H
#define H4KERNELS_H

#include <stddef.h>
#include <stdint.h>

/* The workers are inlined into a copy per element size, so that their loops know E. */
#if defined(__GNUC__)
#  define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#  define ALWAYS_INLINE inline
#endif

/* SSE2 is part of x86-64; AVX2 and AVX-512 are asked of the processor, and need GCC's or Clang's target attribute. */
#if defined(__SSE2__)
#  define H4_HAVE_SSE2 1
#  if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#    define H4_HAVE_AVX 1
#  endif
#endif

/* The instruction-set levels, widest last; -DH4_FILTER_ISA_MAX=level caps the one the loader picks. */
enum h4_isa { H4_ISA_PLAIN, H4_ISA_SSE2, H4_ISA_AVX2, H4_ISA_AVX512, H4_ISA_LEVELS };

struct h4_kernels {
    const char *name; /* h4_info's "kernels": plain, sse2, avx2 or avx512 */
    /* Byte shuffle, out[j*m + i] = in[i*E + j] for E in {2, 4, 8}: the elements [0, i) for the i returned. Two
     * entries, so that each use takes the width that pays there: a whole block, or a tile of the bit shuffle. */
    size_t (*shuffle)(uint8_t *out, const uint8_t *in, size_t m, size_t e);
    size_t (*tile_shuffle)(uint8_t *out, const uint8_t *in, size_t m, size_t e);
    size_t (*unshuffle)(uint8_t *out, const uint8_t *in, size_t m, size_t e);
    /* The byte shuffle then delta:1 over its rows (h4filters.c, shuffle_bytedelta): elements [0, i) of each row */
    size_t (*shuffle_bytedelta)(uint8_t *out, const uint8_t *in, size_t m, size_t e);
    /* The running sum that undoes delta, E in {1, 2, 4, 8}: elements [0, i) */
    size_t (*undelta)(uint8_t *out, const uint8_t *in, size_t m, size_t e);
    /* One byte row of a bit-shuffle tile to its 8 planes (bit k of row[i] to bit i%8 of first[k*plane + i/8]) and
     * back: bytes [0, i) of the row, t a multiple of 8 */
    size_t (*planes)(uint8_t *first, size_t plane, const uint8_t *row, size_t t);
    size_t (*unplanes)(uint8_t *row, const uint8_t *first, size_t plane, size_t t);
    /* One wavelet level and its inverse's two passes (h4filters.c, wavelet_level and wavelet_unlevel), E in {2, 4}:
     * the highs and lows [0, i), the even samples [1, i) (the first is plain C's, it mirrors), the pairs [0, i) */
    size_t (*wavelet_level)(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e, size_t inner);
    size_t (*wavelet_evens)(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h);
    size_t (*wavelet_odds)(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e, size_t inner);
};

/* The table the library uses: the widest this processor runs, at most H4_FILTER_ISA_MAX, chosen once. */
const struct h4_kernels *h4_kernels_in_use(void);

/* The widest table this processor runs at most at level cap: what the loader picks under -DH4_FILTER_ISA_MAX=cap. */
const struct h4_kernels *h4_kernels_best(int cap);

/* The table of one level, or NULL when this processor cannot run it or the library was built without it; then
 * h4_kernels_missing(level) says why ("avx512vbmi", say: the first feature the processor lacks). */
const struct h4_kernels *h4_kernels_at(int level);
const char *h4_kernels_missing(int level);

/* The filter chain of h4_filter_apply (undo 0) or h4_filter_undo (undo 1) through one table: tests hold every
 * table to the plain one. */
int64_t h4_filter_run(const struct h4_kernels *kernels, const uint32_t *chain, size_t stages, void *dst,
                      const void *src, size_t size, int undo);

/* Each instruction set's kernels (h4kernels_sse2.c, h4kernels_avx2.c, h4kernels_avx512.c), for the tables. */
#ifdef H4_HAVE_SSE2
size_t h4_sse2_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e);
size_t h4_sse2_shuffle_from(uint8_t *out, const uint8_t *in, size_t m, size_t e, size_t i);
size_t h4_sse2_unshuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e);
size_t h4_sse2_shuffle_bytedelta(uint8_t *out, const uint8_t *in, size_t m, size_t e);
size_t h4_sse2_undelta(uint8_t *out, const uint8_t *in, size_t m, size_t e);
size_t h4_sse2_planes(uint8_t *first, size_t plane, const uint8_t *row, size_t t);
#endif
#ifdef H4_HAVE_AVX
/* AVX2 and AVX-512 have the same kernels: h4_avx2_shuffle, h4_avx512_shuffle and so on. */
#define H4_WIDE_KERNELS(isa)                                                                                        \
    size_t h4_##isa##_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e);                                 \
    size_t h4_##isa##_planes(uint8_t *first, size_t plane, const uint8_t *row, size_t t);                           \
    size_t h4_##isa##_unplanes(uint8_t *row, const uint8_t *first, size_t plane, size_t t);                         \
    size_t h4_##isa##_wavelet_level(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e,              \
                                    size_t inner);                                                                  \
    size_t h4_##isa##_wavelet_evens(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h);   \
    size_t h4_##isa##_wavelet_odds(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e, size_t inner);
H4_WIDE_KERNELS(avx2)
H4_WIDE_KERNELS(avx512)
#endif

#endif /* H4KERNELS_H */
