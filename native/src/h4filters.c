/*
 * The filters of docs/filters.md (ABI 4): byte shuffle, bit shuffle, delta and the 5/3 integer wavelet, giving
 * byte for byte what harmony4's Java reference classes give (io.harmony4.filter), which define them.
 *
 * The hot loops use SSE2, which every x86-64 processor has. The byte shuffle, the bit shuffle's loops between
 * byte rows and bit planes, and the wavelet's levels also come in AVX2 and AVX-512 (BW and VBMI) versions, taken
 * at run time when the processor has them (wide_kernels): the library itself is built for plain x86-64.
 * Elsewhere plain C gives the same bytes. -DH4_FILTER_ISA_MAX=N caps what is used (0 plain C,
 * 1 SSE2, 2 up to AVX2, 3 everything: the default), so that `make check` tests every version on a processor that
 * has them all.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

#ifndef H4_FILTER_ISA_MAX
#  define H4_FILTER_ISA_MAX 3
#endif
#if defined(__SSE2__) && H4_FILTER_ISA_MAX >= 1
#  include <emmintrin.h>
#  define H4_SSE2 1
#endif
#if defined(H4_SSE2) && defined(__GNUC__) && H4_FILTER_ISA_MAX >= 2
#  include <immintrin.h>
#  define H4_AVX2 1
#  if H4_FILTER_ISA_MAX >= 3
#    define H4_AVX512 1
#  endif
#endif

/* The workers are inlined into a copy per element size (EACH_SIZE), so that their loops know E. */
#if defined(__GNUC__)
#  define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#  define ALWAYS_INLINE inline
#endif
#define EACH_SIZE(call, e) \
    switch (e) { case 1: call(1); break; case 2: call(2); break; case 4: call(4); break; default: call(8); break; }
#define EACH_SHUFFLE_SIZE(call, e) \
    switch (e) { case 2: call(2); break; case 4: call(4); break; default: call(8); break; }

/* Wavelet levels: docs/filters.md, LEVELS. */
#define WAVELET_LEVELS 3

static int defined(uint32_t filter, uint32_t e) {
    switch (filter) {
    case H4_FILTER_SHUFFLE:
    case H4_FILTER_BITSHUFFLE: return e == 2 || e == 4 || e == 8;
    case H4_FILTER_DELTA: return e == 1 || e == 2 || e == 4 || e == 8;
    case H4_FILTER_WAVELET: return e == 2 || e == 4;
    default: return 0;
    }
}

/* Little-endian integers of E bytes; on a little-endian machine one load or store (memcpy of a constant size). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static ALWAYS_INLINE uint64_t load_le(const uint8_t *p, size_t e) {
    uint8_t v8;
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;
    switch (e) {
    case 1: memcpy(&v8, p, 1); return v8;
    case 2: memcpy(&v16, p, 2); return v16;
    case 4: memcpy(&v32, p, 4); return v32;
    default: memcpy(&v64, p, 8); return v64;
    }
}

static ALWAYS_INLINE void store_le(uint8_t *p, size_t e, uint64_t v) {
    uint8_t v8 = (uint8_t)v;
    uint16_t v16 = (uint16_t)v;
    uint32_t v32 = (uint32_t)v;
    switch (e) {
    case 1: memcpy(p, &v8, 1); break;
    case 2: memcpy(p, &v16, 2); break;
    case 4: memcpy(p, &v32, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}
#else
static ALWAYS_INLINE uint64_t load_le(const uint8_t *p, size_t e) {
    uint64_t v = 0;
    for (size_t b = 0; b < e; b++) {
        v |= (uint64_t)p[b] << (8 * b);
    }
    return v;
}

static ALWAYS_INLINE void store_le(uint8_t *p, size_t e, uint64_t v) {
    for (size_t b = 0; b < e; b++) {
        p[b] = (uint8_t)(v >> (8 * b));
    }
}
#endif

/* ---- byte shuffle: out[j*m + i] = in[i*E + j] ---- */

#ifdef H4_SSE2
/* Even and odd bytes of 32: (a, b) -> the 16 even bytes, the 16 odd bytes. */
static inline void split_bytes(__m128i a, __m128i b, __m128i *even, __m128i *odd) {
    const __m128i low = _mm_set1_epi16(0x00FF);
    *even = _mm_packus_epi16(_mm_and_si128(a, low), _mm_and_si128(b, low));
    *odd = _mm_packus_epi16(_mm_srli_epi16(a, 8), _mm_srli_epi16(b, 8));
}

/* Byte j of 16 elements of E bytes at in, into rows[j] (E rows). */
static ALWAYS_INLINE void rows16(const uint8_t *in, size_t e, __m128i *rows) {
    __m128i v[8], w[8];
    for (size_t k = 0; k < e; k++) {
        v[k] = _mm_loadu_si128((const __m128i *)(in + 16 * k));
    }
    /* Each pass splits even bytes from odd ones: after log2(E) passes, v[j] holds byte j of every element. */
    for (size_t stride = 1; stride < e; stride *= 2) {
        for (size_t k = 0; k < e / 2; k++) {
            split_bytes(v[2 * k], v[2 * k + 1], &w[k], &w[k + e / 2]);
        }
        memcpy(v, w, e * sizeof v[0]);
    }
    memcpy(rows, v, e * sizeof v[0]);
}
#endif

/*
 * The widest kernels this processor runs: 2 for AVX-512 (BW and VBMI) and AVX2, 1 for AVX2, 0 for neither. Level 2
 * runs the AVX2 kernels where there are no AVX-512 ones, so it asks for both: a hypervisor may hide one alone.
 */
static int wide_kernels(void) {
#ifdef H4_AVX2
    if (!__builtin_cpu_supports("avx2")) {
        return 0;
    }
#  ifdef H4_AVX512
    if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) {
        return 2;
    }
#  endif
    return 1;
#else
    return 0;
#endif
}

#ifdef H4_AVX2
#  define AVX2 __attribute__((target("avx2")))

/* split_bytes in 32-byte registers: the pack works per 128-bit lane, so its 64-bit quarters are put back in order */
static AVX2 ALWAYS_INLINE void split_bytes32(__m256i a, __m256i b, __m256i *even, __m256i *odd) {
    const __m256i low = _mm256_set1_epi16(0x00FF);
    *even = _mm256_permute4x64_epi64(_mm256_packus_epi16(_mm256_and_si256(a, low), _mm256_and_si256(b, low)), 0xD8);
    *odd = _mm256_permute4x64_epi64(_mm256_packus_epi16(_mm256_srli_epi16(a, 8), _mm256_srli_epi16(b, 8)), 0xD8);
}

/* rows16, 32 elements at a time */
static AVX2 ALWAYS_INLINE void rows32(const uint8_t *in, size_t e, __m256i *rows) {
    __m256i v[8], w[8];
    for (size_t k = 0; k < e; k++) {
        v[k] = _mm256_loadu_si256((const __m256i *)(in + 32 * k));
    }
    for (size_t stride = 1; stride < e; stride *= 2) {
        for (size_t k = 0; k < e / 2; k++) {
            split_bytes32(v[2 * k], v[2 * k + 1], &w[k], &w[k + e / 2]);
        }
        memcpy(v, w, e * sizeof v[0]);
    }
    memcpy(rows, v, e * sizeof v[0]);
}

static AVX2 ALWAYS_INLINE size_t shuffle32(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
    for (; i + 32 <= m; i += 32) {
        __m256i rows[8];
        rows32(in + i * e, e, rows);
        for (size_t j = 0; j < e; j++) {
            _mm256_storeu_si256((__m256i *)(out + j * m + i), rows[j]);
        }
    }
    return i;
}

/* byte_shuffle of the elements [0, i), for the i it returns (a multiple of 32) */
static AVX2 size_t shuffle_avx2(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    return e == 2 ? shuffle32(out, in, m, 2) : e == 4 ? shuffle32(out, in, m, 4) : shuffle32(out, in, m, 8);
}
#endif

#ifdef H4_AVX512
#  define AVX512 __attribute__((target("avx512bw,avx512vbmi")))

/* rows16, 64 elements at a time: each split takes the even and the odd bytes of 128 in one permutation each. */
static AVX512 ALWAYS_INLINE void rows64(const uint8_t *in, size_t e, __m512i *rows) {
    static const uint8_t order[128] = {
        0,   2,   4,   6,   8,   10,  12,  14,  16,  18,  20,  22,  24,  26,  28,  30,  32,  34,  36,  38,  40,  42,
        44,  46,  48,  50,  52,  54,  56,  58,  60,  62,  64,  66,  68,  70,  72,  74,  76,  78,  80,  82,  84,  86,
        88,  90,  92,  94,  96,  98,  100, 102, 104, 106, 108, 110, 112, 114, 116, 118, 120, 122, 124, 126, 1,   3,
        5,   7,   9,   11,  13,  15,  17,  19,  21,  23,  25,  27,  29,  31,  33,  35,  37,  39,  41,  43,  45,  47,
        49,  51,  53,  55,  57,  59,  61,  63,  65,  67,  69,  71,  73,  75,  77,  79,  81,  83,  85,  87,  89,  91,
        93,  95,  97,  99,  101, 103, 105, 107, 109, 111, 113, 115, 117, 119, 121, 123, 125, 127};
    const __m512i even = _mm512_loadu_si512((const void *)order), odd = _mm512_loadu_si512((const void *)(order + 64));
    __m512i v[8], w[8];
    for (size_t k = 0; k < e; k++) {
        v[k] = _mm512_loadu_si512((const void *)(in + 64 * k));
    }
    for (size_t stride = 1; stride < e; stride *= 2) {
        for (size_t k = 0; k < e / 2; k++) {
            w[k] = _mm512_permutex2var_epi8(v[2 * k], even, v[2 * k + 1]);
            w[k + e / 2] = _mm512_permutex2var_epi8(v[2 * k], odd, v[2 * k + 1]);
        }
        memcpy(v, w, e * sizeof v[0]);
    }
    memcpy(rows, v, e * sizeof v[0]);
}

static AVX512 ALWAYS_INLINE size_t shuffle64(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
    for (; i + 64 <= m; i += 64) {
        __m512i rows[8];
        rows64(in + i * e, e, rows);
        for (size_t j = 0; j < e; j++) {
            _mm512_storeu_si512((void *)(out + j * m + i), rows[j]);
        }
    }
    return i;
}

/* byte_shuffle of the elements [0, i), for the i it returns (a multiple of 64) */
static AVX512 size_t shuffle_avx512(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    return e == 2 ? shuffle64(out, in, m, 2) : e == 4 ? shuffle64(out, in, m, 4) : shuffle64(out, in, m, 8);
}
#endif

static ALWAYS_INLINE void byte_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e, int wide) {
    size_t i = 0;
#ifdef H4_AVX512
    if (wide == 2) {
        i = shuffle_avx512(out, in, m, e);
    }
#endif
#ifdef H4_AVX2
    if (wide == 1) {
        i = shuffle_avx2(out, in, m, e);
    }
#endif
    (void)wide;
#ifdef H4_SSE2
    for (; i + 16 <= m; i += 16) {
        __m128i rows[8];
        rows16(in + i * e, e, rows);
        for (size_t j = 0; j < e; j++) {
            _mm_storeu_si128((__m128i *)(out + j * m + i), rows[j]);
        }
    }
#endif
    for (; i < m; i++) {
        for (size_t j = 0; j < e; j++) {
            out[j * m + i] = in[i * e + j];
        }
    }
}

static ALWAYS_INLINE void byte_unshuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
#ifdef H4_SSE2
    for (; i + 16 <= m; i += 16) {
        __m128i v[8], w[8];
        for (size_t j = 0; j < e; j++) {
            v[j] = _mm_loadu_si128((const __m128i *)(in + j * m + i));
        }
        /* Interleave rows j and j + E/2 byte-wise, then pairs, then quads: the elements in order. */
        if (e == 2) {
            w[0] = _mm_unpacklo_epi8(v[0], v[1]);
            w[1] = _mm_unpackhi_epi8(v[0], v[1]);
        } else if (e == 4) {
            __m128i a = _mm_unpacklo_epi8(v[0], v[1]), b = _mm_unpackhi_epi8(v[0], v[1]);
            __m128i c = _mm_unpacklo_epi8(v[2], v[3]), d = _mm_unpackhi_epi8(v[2], v[3]);
            w[0] = _mm_unpacklo_epi16(a, c);
            w[1] = _mm_unpackhi_epi16(a, c);
            w[2] = _mm_unpacklo_epi16(b, d);
            w[3] = _mm_unpackhi_epi16(b, d);
        } else {
            __m128i p[8], q[8];
            for (size_t k = 0; k < 4; k++) {
                p[2 * k] = _mm_unpacklo_epi8(v[2 * k], v[2 * k + 1]);     /* bytes 2k, 2k+1 of elements 0..7 */
                p[2 * k + 1] = _mm_unpackhi_epi8(v[2 * k], v[2 * k + 1]); /* of elements 8..15 */
            }
            for (size_t h = 0; h < 2; h++) { /* h: elements 0..7 or 8..15 */
                q[4 * h] = _mm_unpacklo_epi16(p[h], p[2 + h]);         /* bytes 0..3 of elements 8h..8h+3 */
                q[4 * h + 1] = _mm_unpackhi_epi16(p[h], p[2 + h]);     /* of 8h+4..8h+7 */
                q[4 * h + 2] = _mm_unpacklo_epi16(p[4 + h], p[6 + h]); /* bytes 4..7 of 8h..8h+3 */
                q[4 * h + 3] = _mm_unpackhi_epi16(p[4 + h], p[6 + h]); /* of 8h+4..8h+7 */
            }
            for (size_t h = 0; h < 2; h++) {
                w[4 * h] = _mm_unpacklo_epi32(q[4 * h], q[4 * h + 2]);
                w[4 * h + 1] = _mm_unpackhi_epi32(q[4 * h], q[4 * h + 2]);
                w[4 * h + 2] = _mm_unpacklo_epi32(q[4 * h + 1], q[4 * h + 3]);
                w[4 * h + 3] = _mm_unpackhi_epi32(q[4 * h + 1], q[4 * h + 3]);
            }
        }
        for (size_t k = 0; k < e; k++) {
            _mm_storeu_si128((__m128i *)(out + i * e + 16 * k), w[k]);
        }
    }
#endif
    for (; i < m; i++) {
        for (size_t j = 0; j < e; j++) {
            out[i * e + j] = in[j * m + i];
        }
    }
}

/* ---- bit shuffle: plane 8j+k holds bit k of byte j of each element, element i at bit i%8 of byte i/8 ---- */

/* An 8 x 8 bit matrix, byte r = row r, bit c = column c, transposed (Hacker's Delight 7-3). */
static uint64_t transpose8(uint64_t x) {
    uint64_t t;
    t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAull;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCull;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ull;
    return x ^ t ^ (t << 28);
}

/*
 * Elements are taken TILE at a time: byte-shuffled into a small buffer (one row of TILE bytes per byte of the
 * element), then each row is turned into its 8 planes. Writing the 8E planes of the whole block at once would keep
 * 8E streams going, m/8 bytes apart, which fall into the same cache sets and thrash them.
 */
#define TILE 1024

/*
 * Row to planes and back, many bytes per instruction: bit k of row[i, i + W) goes to plane k (first + k * plane) at
 * byte i/8, as one W-bit mask. Each returns how far it got; the caller does the rest of the row.
 */
#ifdef H4_AVX2
static AVX2 size_t planes_avx2(uint8_t *first, size_t plane, const uint8_t *row, size_t t) {
    size_t i = 0;
    for (; i + 32 <= t; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(row + i));
        for (size_t k = 8; k-- > 0;) { /* the top bit of each byte, then the next, shifted up */
            uint32_t bits = (uint32_t)_mm256_movemask_epi8(v);
            memcpy(first + k * plane + i / 8, &bits, 4); /* x86: little-endian */
            v = _mm256_add_epi8(v, v);
        }
    }
    return i;
}

/* Each plane's 32 bits spread to one byte each (byte b gets bit b%8 of byte b/8), kept where set, as bit k */
static AVX2 size_t unplanes_avx2(uint8_t *row, const uint8_t *first, size_t plane, size_t t) {
    const __m256i spread = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3,
                                            3, 3, 3, 3, 3, 3, 3);
    const __m256i bits_in_byte = _mm256_set1_epi64x((long long)0x8040201008040201ull);
    size_t i = 0;
    for (; i + 32 <= t; i += 32) {
        __m256i v = _mm256_setzero_si256();
        for (size_t k = 0; k < 8; k++) {
            uint32_t bits;
            memcpy(&bits, first + k * plane + i / 8, 4);
            __m256i spread_bits = _mm256_shuffle_epi8(_mm256_set1_epi32((int)bits), spread);
            __m256i set = _mm256_cmpeq_epi8(_mm256_and_si256(spread_bits, bits_in_byte), bits_in_byte);
            v = _mm256_or_si256(v, _mm256_and_si256(set, _mm256_set1_epi8((char)(1 << k))));
        }
        _mm256_storeu_si256((__m256i *)(row + i), v);
    }
    return i;
}
#endif

#ifdef H4_AVX512
static AVX512 size_t planes_avx512(uint8_t *first, size_t plane, const uint8_t *row, size_t t) {
    size_t i = 0;
    for (; i + 64 <= t; i += 64) {
        __m512i v = _mm512_loadu_si512((const void *)(row + i));
        for (size_t k = 0; k < 8; k++) {
            uint64_t bits = _mm512_test_epi8_mask(v, _mm512_set1_epi8((char)(1 << k)));
            memcpy(first + k * plane + i / 8, &bits, 8);
        }
    }
    return i;
}

static AVX512 size_t unplanes_avx512(uint8_t *row, const uint8_t *first, size_t plane, size_t t) {
    size_t i = 0;
    for (; i + 64 <= t; i += 64) {
        __m512i v = _mm512_setzero_si512();
        for (size_t k = 0; k < 8; k++) {
            uint64_t bits;
            memcpy(&bits, first + k * plane + i / 8, 8);
            v = _mm512_mask_add_epi8(v, (__mmask64)bits, v, _mm512_set1_epi8((char)(1 << k))); /* bits are apart */
        }
        _mm512_storeu_si512((void *)(row + i), v);
    }
    return i;
}
#endif

static ALWAYS_INLINE void bit_shuffle(uint8_t *out, const uint8_t *in, size_t m8, size_t e) {
    uint8_t rows[8 * TILE];
    size_t plane = m8 / 8;
    int wide = wide_kernels();
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE; /* a multiple of 8 */
        byte_shuffle(rows, in + i0 * e, t, e, wide);
        for (size_t j = 0; j < e; j++) {
            const uint8_t *row = rows + j * t;
            uint8_t *first = out + 8 * j * plane + i0 / 8; /* plane 8j, at this tile's first byte */
            size_t i = 0;
#ifdef H4_AVX512
            if (wide == 2) {
                i = planes_avx512(first, plane, row, t);
            }
#endif
#ifdef H4_AVX2
            if (wide == 1) {
                i = planes_avx2(first, plane, row, t);
            }
#endif
            (void)wide;
#ifdef H4_SSE2
            for (; i + 16 <= t; i += 16) {
                __m128i v = _mm_loadu_si128((const __m128i *)(row + i));
                for (size_t k = 8; k-- > 0;) { /* the top bit of each byte, then the next, shifted up */
                    store_le(first + k * plane + i / 8, 2, (uint64_t)_mm_movemask_epi8(v));
                    v = _mm_add_epi8(v, v);
                }
            }
#endif
            for (; i < t; i += 8) {
                uint64_t x = transpose8(load_le(row + i, 8));
                for (size_t k = 0; k < 8; k++) {
                    first[k * plane + i / 8] = (uint8_t)(x >> (8 * k));
                }
            }
        }
    }
}

static ALWAYS_INLINE void bit_unshuffle(uint8_t *out, const uint8_t *in, size_t m8, size_t e) {
    uint8_t rows[8 * TILE];
    size_t plane = m8 / 8;
    int wide = wide_kernels();
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE;
        for (size_t j = 0; j < e; j++) {
            const uint8_t *first = in + 8 * j * plane + i0 / 8;
            size_t i = 0;
#ifdef H4_AVX512
            if (wide == 2) {
                i = unplanes_avx512(rows + j * t, first, plane, t);
            }
#endif
#ifdef H4_AVX2
            if (wide == 1) {
                i = unplanes_avx2(rows + j * t, first, plane, t);
            }
#endif
            (void)wide;
            for (; i < t; i += 8) {
                uint64_t x = 0;
                for (size_t k = 0; k < 8; k++) {
                    x |= (uint64_t)first[k * plane + i / 8] << (8 * k);
                }
                store_le(rows + j * t + i, 8, transpose8(x));
            }
        }
        byte_unshuffle(out + i0 * e, rows, t, e);
    }
}

/* ---- delta: y_0 = x_0, y_i = x_i - x_{i-1} modulo 2^(8E) ---- */

/* Each difference from the input alone, not from a carried value, so that the loop vectorises. */
static ALWAYS_INLINE void delta(uint8_t *restrict out, const uint8_t *restrict in, size_t m, size_t e) {
    if (m == 0) {
        return;
    }
    store_le(out, e, load_le(in, e));
    for (size_t i = 1; i < m; i++) {
        store_le(out + i * e, e, load_le(in + i * e, e) - load_le(in + (i - 1) * e, e));
    }
}

#ifdef H4_SSE2
/* Lane-wise a + b for lanes of E bytes. */
static ALWAYS_INLINE __m128i add_lanes(__m128i a, __m128i b, size_t e) {
    switch (e) {
    case 1: return _mm_add_epi8(a, b);
    case 2: return _mm_add_epi16(a, b);
    case 4: return _mm_add_epi32(a, b);
    default: return _mm_add_epi64(a, b);
    }
}

/* The last lane of E bytes, in every lane. */
static ALWAYS_INLINE __m128i last_lane(__m128i x, size_t e) {
    switch (e) {
    case 1: {
        __m128i t = _mm_unpackhi_epi8(x, x);
        return _mm_shuffle_epi32(_mm_unpackhi_epi16(t, t), 0xFF);
    }
    case 2: return _mm_shuffle_epi32(_mm_unpackhi_epi16(x, x), 0xFF);
    case 4: return _mm_shuffle_epi32(x, 0xFF);
    default: return _mm_unpackhi_epi64(x, x);
    }
}
#endif

/* A running sum: within 16 bytes by shifted adds (log steps), carried from one 16 bytes to the next. */
static ALWAYS_INLINE void undelta(uint8_t *restrict out, const uint8_t *restrict in, size_t m, size_t e) {
    uint64_t sum = 0;
    size_t i = 0;
#ifdef H4_SSE2
    __m128i carry = _mm_setzero_si128();
    for (; (i + 16 / e) <= m; i += 16 / e) {
        __m128i x = _mm_loadu_si128((const __m128i *)(in + i * e));
        if (e <= 1) {
            x = add_lanes(x, _mm_slli_si128(x, 1), e);
        }
        if (e <= 2) {
            x = add_lanes(x, _mm_slli_si128(x, 2), e);
        }
        if (e <= 4) {
            x = add_lanes(x, _mm_slli_si128(x, 4), e);
        }
        x = add_lanes(add_lanes(x, _mm_slli_si128(x, 8), e), carry, e);
        _mm_storeu_si128((__m128i *)(out + i * e), x);
        carry = last_lane(x, e);
    }
    if (i > 0) {
        sum = load_le(out + (i - 1) * e, e);
    }
#endif
    for (; i < m; i++) {
        sum += load_le(in + i * e, e);
        store_le(out + i * e, e, sum);
    }
}

/* ---- 5/3 integer wavelet, by lifting, on 16- or 32-bit signed integers ---- */

/*
 * All arithmetic stays in 32 bits, so that the compiler can vectorise it: floor((a + b) / 2) and
 * floor((a + b + 2) / 4) are taken from the halves and quarters of a and b and their remainders, which cannot
 * overflow, and a sum that leaves E bytes wraps modulo 2^(8E) as the definition wants (docs/filters.md: the sums
 * are exact, then wrapped). >> of a negative int is an arithmetic shift in GCC and Clang, the compilers this
 * builds with; the assertion stops any other.
 */
_Static_assert((-3 >> 1) == -2 && (-5 >> 2) == -2, "the wavelet needs >> to shift negative ints arithmetically");

/* floor((a + b) / 2) */
static inline int32_t half(int32_t a, int32_t b) {
    return (a >> 1) + (b >> 1) + (a & b & 1);
}

/* floor((a + b + 2) / 4) */
static inline int32_t quarter(int32_t a, int32_t b) {
    return (a >> 2) + (b >> 2) + (((a & 3) + (b & 3) + 2) >> 2);
}

/* u modulo 2^(8E) as a signed integer of E bytes (two's complement), without an implementation-defined cast. */
static inline int32_t wrap(uint32_t u, size_t e) {
    if (e == 2) {
        return (int32_t)((u & 0xFFFFu) ^ 0x8000u) - 0x8000;
    }
    return (int32_t)((int64_t)(u ^ 0x80000000u) - 0x80000000LL);
}

/* x + y and x - y modulo 2^32: the wrap comes after */
static inline uint32_t add(int32_t x, int32_t y) { return (uint32_t)x + (uint32_t)y; }
static inline uint32_t sub(int32_t x, int32_t y) { return (uint32_t)x - (uint32_t)y; }

/*
 * Every band is E-byte little-endian integers: the signal and the coefficients in the caller's buffers, the low
 * bands between levels in working memory (each of their values already wraps to E bytes, so E bytes hold it).
 */
static ALWAYS_INLINE int32_t get(const uint8_t *band, size_t i, size_t e) {
    return wrap((uint32_t)load_le(band + i * e, e), e);
}

static ALWAYS_INLINE void put(uint8_t *band, size_t i, size_t e, int32_t v) {
    store_le(band + i * e, e, (uint32_t)v);
}

#ifdef H4_AVX2
/*
 * The levels' loops in AVX2, written once for both element sizes (E is a constant in each copy): 16 lanes of
 * 16 bits for E = 2 (where the halves and quarters fit in 16 bits and the sums wrap as they should), 8 lanes of
 * 32 bits for E = 4. Each returns the index up to which it went; the plain C loops do the rest.
 */
static AVX2 ALWAYS_INLINE __m256i add256(__m256i a, __m256i b, size_t e) {
    return e == 2 ? _mm256_add_epi16(a, b) : _mm256_add_epi32(a, b);
}

static AVX2 ALWAYS_INLINE __m256i sub256(__m256i a, __m256i b, size_t e) {
    return e == 2 ? _mm256_sub_epi16(a, b) : _mm256_sub_epi32(a, b);
}

/* a >> s, arithmetic, per lane */
static AVX2 ALWAYS_INLINE __m256i shift256(__m256i a, int s, size_t e) {
    return e == 2 ? _mm256_srai_epi16(a, s) : _mm256_srai_epi32(a, s);
}

static AVX2 ALWAYS_INLINE __m256i set256(int v, size_t e) {
    return e == 2 ? _mm256_set1_epi16((short)v) : _mm256_set1_epi32(v);
}

static AVX2 ALWAYS_INLINE __m256i half256(__m256i a, __m256i b, size_t e) {
    return add256(add256(shift256(a, 1, e), shift256(b, 1, e), e),
                  _mm256_and_si256(_mm256_and_si256(a, b), set256(1, e)), e);
}

static AVX2 ALWAYS_INLINE __m256i quarter256(__m256i a, __m256i b, size_t e) {
    const __m256i three = set256(3, e);
    __m256i rests = add256(add256(_mm256_and_si256(a, three), _mm256_and_si256(b, three), e), set256(2, e), e);
    return add256(add256(shift256(a, 2, e), shift256(b, 2, e), e), shift256(rests, 2, e), e);
}

static AVX2 ALWAYS_INLINE __m256i load(const uint8_t *p) {
    return _mm256_loadu_si256((const __m256i *)p);
}

static AVX2 ALWAYS_INLINE void store(uint8_t *p, __m256i v) {
    _mm256_storeu_si256((__m256i *)p, v);
}

/* The 32 / E samples x[2i], x[2i+2], ... and the ones after each, x[2i+1], x[2i+3], ... */
static AVX2 ALWAYS_INLINE void pairs256(const uint8_t *x, size_t i, size_t e, __m256i *even, __m256i *odd) {
    __m256i a = load(x + 2 * e * i), b = load(x + 2 * e * i + 32);
    if (e == 2) { /* as 32-bit lanes: x[2k] low, x[2k+1] high */
        __m256i even_a = _mm256_srai_epi32(_mm256_slli_epi32(a, 16), 16);
        __m256i even_b = _mm256_srai_epi32(_mm256_slli_epi32(b, 16), 16);
        /* packing 32 to 16 bits saturates nothing here; it works per 128-bit lane, hence the permutation */
        *even = _mm256_permute4x64_epi64(_mm256_packs_epi32(even_a, even_b), 0xD8);
        *odd = _mm256_permute4x64_epi64(_mm256_packs_epi32(_mm256_srai_epi32(a, 16), _mm256_srai_epi32(b, 16)), 0xD8);
    } else {
        const __m256i order = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
        a = _mm256_permutevar8x32_epi32(a, order);
        b = _mm256_permutevar8x32_epi32(b, order);
        *even = _mm256_permute2x128_si256(a, b, 0x20);
        *odd = _mm256_permute2x128_si256(a, b, 0x31);
    }
}

/* The last lane of before, then d's lanes but its last */
static AVX2 ALWAYS_INLINE __m256i after_last(__m256i before, __m256i d, size_t e) {
    if (e == 2) {
        return _mm256_alignr_epi8(d, _mm256_permute2x128_si256(before, d, 0x21), 14);
    }
    const __m256i up = _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6);
    return _mm256_blend_epi32(_mm256_permutevar8x32_epi32(d, up), _mm256_permutevar8x32_epi32(before, up), 0x01);
}

/*
 * Both passes of a level in one: the highs d_i and the lows s_i for i below the index returned (at most inner),
 * reading x no further than x[n-1]: pairs256(x, i + 1) loads up to x[2i + 64/E + 1] (the odd ones unused), hence
 * the bound on n. s_i needs d_{i-1}: the last lane of the vector before, and d_0 itself (the mirror) for s_0.
 */
static AVX2 ALWAYS_INLINE size_t level256(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e,
                                          size_t inner) {
    const size_t lanes = 32 / e;
    __m256i before = _mm256_setzero_si256(); /* its last lane: d_{i-1} */
    size_t i = 0;
    for (; i + lanes <= inner && 2 * i + 2 * lanes + 2 <= n; i += lanes) {
        __m256i even, odd, next, next_odd;
        pairs256(x, i, e, &even, &odd);
        pairs256(x, i + 1, e, &next, &next_odd);
        __m256i d = sub256(odd, half256(even, next, e), e);
        store(high + e * i, d);
        if (i == 0) {
            before = e == 2 ? _mm256_broadcastw_epi16(_mm256_castsi256_si128(d))
                            : _mm256_broadcastd_epi32(_mm256_castsi256_si128(d));
        }
        store(low + e * i, add256(even, quarter256(after_last(before, d, e), d, e), e));
        before = d;
    }
    return i;
}

/* Undoing: the even samples x[2i] for 1 <= i < the index returned (at most h), into evens[i] */
static AVX2 ALWAYS_INLINE size_t evens256(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e,
                                          size_t h) {
    const size_t lanes = 32 / e;
    size_t i = 1;
    for (; i + lanes <= h; i += lanes) {
        __m256i update = quarter256(load(high + e * (i - 1)), load(high + e * i), e);
        store(evens + e * i, sub256(load(low + e * i), update, e));
    }
    return i;
}

/* Undoing: x[2i] and x[2i+1] for i below the index returned (at most inner), from evens[0, inner] */
static AVX2 ALWAYS_INLINE size_t odds256(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e,
                                         size_t inner) {
    const size_t lanes = 32 / e;
    size_t i = 0;
    for (; i + lanes <= inner; i += lanes) {
        __m256i even = load(evens + e * i);
        __m256i odd = add256(load(high + e * i), half256(even, load(evens + e * i + e), e), e);
        __m256i lo = e == 2 ? _mm256_unpacklo_epi16(even, odd) : _mm256_unpacklo_epi32(even, odd);
        __m256i hi = e == 2 ? _mm256_unpackhi_epi16(even, odd) : _mm256_unpackhi_epi32(even, odd);
        store(x + 2 * e * i, _mm256_permute2x128_si256(lo, hi, 0x20));
        store(x + 2 * e * i + 32, _mm256_permute2x128_si256(lo, hi, 0x31));
    }
    return i;
}

static AVX2 size_t level_avx2(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? level256(x, n, low, high, 2, inner) : level256(x, n, low, high, 4, inner);
}

static AVX2 size_t evens_avx2(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h) {
    return e == 2 ? evens256(evens, low, high, 2, h) : evens256(evens, low, high, 4, h);
}

static AVX2 size_t odds_avx2(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? odds256(x, evens, high, 2, inner) : odds256(x, evens, high, 4, inner);
}
#endif

#ifdef H4_AVX512
/*
 * The same with 64-byte vectors: 32 lanes of 16 bits or 16 of 32, the even and odd samples split, and pairs put
 * back together, by one two-register permutation each.
 */
static AVX512 ALWAYS_INLINE __m512i half512(__m512i a, __m512i b, size_t e) {
    if (e == 2) {
        return _mm512_add_epi16(_mm512_add_epi16(_mm512_srai_epi16(a, 1), _mm512_srai_epi16(b, 1)),
                                _mm512_and_si512(_mm512_and_si512(a, b), _mm512_set1_epi16(1)));
    }
    return _mm512_add_epi32(_mm512_add_epi32(_mm512_srai_epi32(a, 1), _mm512_srai_epi32(b, 1)),
                            _mm512_and_si512(_mm512_and_si512(a, b), _mm512_set1_epi32(1)));
}

static AVX512 ALWAYS_INLINE __m512i quarter512(__m512i a, __m512i b, size_t e) {
    if (e == 2) {
        const __m512i three = _mm512_set1_epi16(3);
        __m512i rests = _mm512_add_epi16(_mm512_add_epi16(_mm512_and_si512(a, three), _mm512_and_si512(b, three)),
                                         _mm512_set1_epi16(2));
        return _mm512_add_epi16(_mm512_add_epi16(_mm512_srai_epi16(a, 2), _mm512_srai_epi16(b, 2)),
                                _mm512_srai_epi16(rests, 2));
    }
    const __m512i three = _mm512_set1_epi32(3);
    __m512i rests = _mm512_add_epi32(_mm512_add_epi32(_mm512_and_si512(a, three), _mm512_and_si512(b, three)),
                                     _mm512_set1_epi32(2));
    return _mm512_add_epi32(_mm512_add_epi32(_mm512_srai_epi32(a, 2), _mm512_srai_epi32(b, 2)),
                            _mm512_srai_epi32(rests, 2));
}

static AVX512 ALWAYS_INLINE __m512i add512(__m512i a, __m512i b, size_t e) {
    return e == 2 ? _mm512_add_epi16(a, b) : _mm512_add_epi32(a, b);
}

static AVX512 ALWAYS_INLINE __m512i sub512(__m512i a, __m512i b, size_t e) {
    return e == 2 ? _mm512_sub_epi16(a, b) : _mm512_sub_epi32(a, b);
}

/* Lanes of a and b (b's numbered after a's) picked by index: 16-bit lanes for E = 2, 32-bit for E = 4 */
static AVX512 ALWAYS_INLINE __m512i pick(__m512i a, __m512i index, __m512i b, size_t e) {
    return e == 2 ? _mm512_permutex2var_epi16(a, index, b) : _mm512_permutex2var_epi32(a, index, b);
}

/* An index vector of 32 16-bit lanes (E = 2) or 16 32-bit ones, lane k holding f(k) */
static AVX512 ALWAYS_INLINE __m512i indices(size_t e, int kind) {
    uint16_t w[32];
    uint32_t d[16];
    size_t lanes = 64 / e;
    for (size_t k = 0; k < lanes; k++) {
        size_t v = kind == 0   ? 2 * k                                            /* even samples */
                   : kind == 1 ? 2 * k + 1                                         /* odd samples */
                   : kind == 2 ? (k == 0 ? 2 * lanes - 1 : k - 1)                  /* b's last, then a's but its last */
                   : kind == 3 ? (k % 2 == 0 ? k / 2 : lanes + k / 2)              /* interleave the first halves */
                               : (k % 2 == 0 ? lanes / 2 + k / 2 : lanes + lanes / 2 + k / 2); /* the second */
        if (e == 2) {
            w[k] = (uint16_t)v;
        } else {
            d[k] = (uint32_t)v;
        }
    }
    return e == 2 ? _mm512_loadu_si512((const void *)w) : _mm512_loadu_si512((const void *)d);
}

static AVX512 ALWAYS_INLINE __m512i load64(const uint8_t *p) {
    return _mm512_loadu_si512((const void *)p);
}

/* level256 with 64 / E highs and lows per step; reads x[2i] to x[2i + 128/E + 1], hence the bound on n */
static AVX512 ALWAYS_INLINE size_t level64(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e,
                                           size_t inner) {
    const size_t lanes = 64 / e;
    const __m512i even_index = indices(e, 0), odd_index = indices(e, 1), previous_index = indices(e, 2);
    __m512i before = _mm512_setzero_si512(); /* its last lane: d_{i-1} */
    size_t i = 0;
    for (; i + lanes <= inner && 2 * i + 2 * lanes + 2 <= n; i += lanes) {
        __m512i a = load64(x + 2 * e * i), b = load64(x + 2 * e * i + 64);
        __m512i even = pick(a, even_index, b, e), odd = pick(a, odd_index, b, e);
        __m512i next = pick(load64(x + 2 * e * (i + 1)), even_index, load64(x + 2 * e * (i + 1) + 64), e);
        __m512i d = sub512(odd, half512(even, next, e), e);
        _mm512_storeu_si512((void *)(high + e * i), d);
        if (i == 0) { /* d_{-1} is d_0 */
            before = e == 2 ? _mm512_broadcastw_epi16(_mm512_castsi512_si128(d))
                            : _mm512_broadcastd_epi32(_mm512_castsi512_si128(d));
        }
        __m512i previous = pick(d, previous_index, before, e);
        _mm512_storeu_si512((void *)(low + e * i), add512(even, quarter512(previous, d, e), e));
        before = d;
    }
    return i;
}

static AVX512 ALWAYS_INLINE size_t evens64(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e,
                                           size_t h) {
    const size_t lanes = 64 / e;
    size_t i = 1;
    for (; i + lanes <= h; i += lanes) {
        __m512i update = quarter512(load64(high + e * (i - 1)), load64(high + e * i), e);
        _mm512_storeu_si512((void *)(evens + e * i), sub512(load64(low + e * i), update, e));
    }
    return i;
}

static AVX512 ALWAYS_INLINE size_t odds64(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e,
                                          size_t inner) {
    const size_t lanes = 64 / e;
    const __m512i first_half = indices(e, 3), second_half = indices(e, 4);
    size_t i = 0;
    for (; i + lanes <= inner; i += lanes) {
        __m512i even = load64(evens + e * i);
        __m512i odd = add512(load64(high + e * i), half512(even, load64(evens + e * i + e), e), e);
        _mm512_storeu_si512((void *)(x + 2 * e * i), pick(even, first_half, odd, e));
        _mm512_storeu_si512((void *)(x + 2 * e * i + 64), pick(even, second_half, odd, e));
    }
    return i;
}

static AVX512 size_t level_avx512(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? level64(x, n, low, high, 2, inner) : level64(x, n, low, high, 4, inner);
}

static AVX512 size_t evens_avx512(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h) {
    return e == 2 ? evens64(evens, low, high, 2, h) : evens64(evens, low, high, 4, h);
}

static AVX512 size_t odds_avx512(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? odds64(x, evens, high, 2, inner) : odds64(x, evens, high, 4, inner);
}
#endif

/*
 * One level on x[0, n), n >= 2: the h = n/2 high (detail) coefficients to high[0, h) (their final place in the
 * output), the l = n - h low ones to low[0, l). The ends mirror: x[n] is x[n-2], d[-1] is d[0] and d[h] is d[h-1].
 * wide: wide_kernels().
 */
static ALWAYS_INLINE void wavelet_level(const uint8_t *restrict x, size_t n, uint8_t *restrict low,
                                        uint8_t *restrict high, size_t e, int wide) {
    size_t h = n / 2, l = n - h;
    size_t inner = n % 2 == 0 ? h - 1 : h; /* the highs whose right neighbour x[2i+2] exists */
    size_t done = 0; /* the highs and lows the vectors made */
#ifdef H4_AVX2
    if (wide == 1) {
        done = level_avx2(x, n, low, high, e, inner);
    }
#endif
#ifdef H4_AVX512
    if (wide == 2) {
        done = level_avx512(x, n, low, high, e, inner);
    }
#endif
    (void)wide;
    for (size_t i = done; i < inner; i++) {
        put(high, i, e, wrap(sub(get(x, 2 * i + 1, e), half(get(x, 2 * i, e), get(x, 2 * i + 2, e))), e));
    }
    if (inner < h) {
        int32_t left = get(x, n - 2, e);
        put(high, h - 1, e, wrap(sub(get(x, n - 1, e), half(left, left)), e));
    }
    if (done == 0) {
        int32_t d0 = get(high, 0, e);
        put(low, 0, e, wrap(add(get(x, 0, e), quarter(d0, d0)), e));
        done = 1;
    }
    for (size_t i = done; i < h; i++) {
        put(low, i, e, wrap(add(get(x, 2 * i, e), quarter(get(high, i - 1, e), get(high, i, e))), e));
    }
    if (l > h) {
        int32_t last = get(high, h - 1, e);
        put(low, h, e, wrap(add(get(x, 2 * h, e), quarter(last, last)), e));
    }
}

/*
 * The inverse of wavelet_level: x[0, n) from low[0, l) and high[0, h), the same predictions from the same values.
 * The even samples go to evens[0, l) first, so that the odd ones are computed, and both stored, in order.
 */
static ALWAYS_INLINE void wavelet_unlevel(uint8_t *restrict x, size_t n, const uint8_t *restrict low,
                                          const uint8_t *restrict high, size_t e, uint8_t *restrict evens, int wide) {
    size_t h = n / 2, l = n - h;
    int32_t d0 = get(high, 0, e);
    put(evens, 0, e, wrap(sub(get(low, 0, e), quarter(d0, d0)), e));
    size_t i = 1;
#ifdef H4_AVX2
    if (wide == 1) {
        i = evens_avx2(evens, low, high, e, h);
    }
#endif
#ifdef H4_AVX512
    if (wide == 2) {
        i = evens_avx512(evens, low, high, e, h);
    }
#endif
    for (; i < h; i++) {
        put(evens, i, e, wrap(sub(get(low, i, e), quarter(get(high, i - 1, e), get(high, i, e))), e));
    }
    if (l > h) {
        int32_t last = get(high, h - 1, e);
        put(evens, h, e, wrap(sub(get(low, h, e), quarter(last, last)), e));
    }
    size_t inner = n % 2 == 0 ? h - 1 : h;
    i = 0;
#ifdef H4_AVX2
    if (wide == 1) {
        i = odds_avx2(x, evens, high, e, inner);
    }
#endif
#ifdef H4_AVX512
    if (wide == 2) {
        i = odds_avx512(x, evens, high, e, inner);
    }
#endif
    (void)wide;
    for (; i < inner; i++) {
        int32_t even = get(evens, i, e);
        put(x, 2 * i, e, even);
        put(x, 2 * i + 1, e, wrap(add(get(high, i, e), half(even, get(evens, i + 1, e))), e));
    }
    if (inner < h) { /* n even: the last pair, its odd sample mirrored */
        int32_t left = get(evens, h - 1, e);
        put(x, n - 2, e, left);
        put(x, n - 1, e, wrap(add(get(high, h - 1, e), half(left, left)), e));
    } else { /* n odd: the last even sample */
        put(x, n - 1, e, get(evens, h, e));
    }
}

/*
 * WAVELET_LEVELS levels, each on the low band of the one before, fewer when it gets shorter than 2. The first level
 * reads the input and the high bands go straight to their places in the output, so only the low bands between
 * levels live in working memory, in two buffers taken in turns, so that no level writes what it reads.
 */
static ALWAYS_INLINE int64_t wavelet(uint8_t *out, const uint8_t *in, size_t m, size_t e, int undo) {
    size_t lengths[WAVELET_LEVELS];
    size_t levels = 0;
    for (size_t n = m; levels < WAVELET_LEVELS && n >= 2; n -= n / 2) {
        lengths[levels++] = n;
    }
    if (levels == 0) {
        memcpy(out, in, m * e);
        return 0;
    }
    size_t first = m - m / 2; /* the first low band: the larger one */
    /* the low bands' two buffers and, undoing, the even samples': apart, so that a sanitizer sees each one's end */
    uint8_t *buffers[2] = {malloc(first * e), malloc((first / 2 + 1) * e)};
    uint8_t *evens = undo ? malloc(first * e) : NULL;
    if (buffers[0] == NULL || buffers[1] == NULL || (undo && evens == NULL)) {
        free(buffers[0]);
        free(buffers[1]);
        free(evens);
        return H4_E_NO_MEMORY;
    }
    int wide = wide_kernels();
    if (!undo) {
        const uint8_t *x = in;
        for (size_t k = 0; k < levels; k++) {
            size_t n = lengths[k];
            wavelet_level(x, n, buffers[k % 2], out + (n - n / 2) * e, e, wide);
            x = buffers[k % 2];
        }
        memcpy(out, x, (lengths[levels - 1] - lengths[levels - 1] / 2) * e);
    } else {
        const uint8_t *low = in;
        for (size_t k = levels; k-- > 0;) {
            size_t n = lengths[k];
            /* level 1 restores the first low band: the larger buffer */
            uint8_t *x = k == 0 ? out : buffers[(k + 1) % 2];
            wavelet_unlevel(x, n, low, in + (n - n / 2) * e, e, evens, wide);
            low = x;
        }
    }
    free(buffers[0]);
    free(buffers[1]);
    free(evens);
    return 0;
}

/* ---- shuffle:E then delta:1 in one pass (Blosc2's "bytedelta"): what auto picks most on smooth data ---- */

/*
 * The byte shuffle's output, as delta:1 over the whole block then makes it: each byte minus the byte before it,
 * where the byte before row j's first is row j-1's last, and before the tail's first is the last row's last.
 */
static ALWAYS_INLINE void shuffle_bytedelta(uint8_t *out, const uint8_t *in, size_t m, size_t e, size_t size) {
    size_t i = 0;
#ifdef H4_SSE2
    __m128i before[8]; /* per row, the 16 bytes before the next ones: only the last counts */
    for (size_t j = 0; j < e; j++) {
        before[j] = _mm_set1_epi8((char)(j == 0 || m == 0 ? 0 : in[(m - 1) * e + j - 1]));
    }
    for (; i + 16 <= m; i += 16) {
        __m128i rows[8];
        rows16(in + i * e, e, rows);
        for (size_t j = 0; j < e; j++) {
            __m128i previous = _mm_or_si128(_mm_slli_si128(rows[j], 1), _mm_srli_si128(before[j], 15));
            _mm_storeu_si128((__m128i *)(out + j * m + i), _mm_sub_epi8(rows[j], previous));
            before[j] = rows[j];
        }
    }
#endif
    for (; i < m; i++) {
        for (size_t j = 0; j < e; j++) {
            uint8_t previous = i > 0 ? in[(i - 1) * e + j] : j > 0 ? in[(m - 1) * e + j - 1] : 0;
            out[j * m + i] = (uint8_t)(in[i * e + j] - previous);
        }
    }
    for (size_t p = m * e; p < size; p++) {
        uint8_t previous = p > m * e ? in[p - 1] : m > 0 ? in[m * e - 1] : 0;
        out[p] = (uint8_t)(in[p] - previous);
    }
}

/* One filter, src into dst; the filter is defined and size fits. */
static int64_t step(uint32_t filter, uint32_t element_size, uint8_t *out, const uint8_t *in, size_t size, int undo) {
    size_t e = element_size;
    size_t m = size / e;
    size_t done = m * e; /* the transformed prefix; the tail after it is copied */
    /* A block's shuffle goes from memory to memory, where 64-byte vectors were slower than 32 (bench-filters,
     * E = 2): AVX2 at most. The bit shuffle's tiles stay in the L1 cache, where VBMI's permutations pay. */
    int wide = wide_kernels() > 0 ? 1 : 0;
#define SHUFFLE(E) (undo ? byte_unshuffle(out, in, m, E) : byte_shuffle(out, in, m, E, wide))
#define BITSHUFFLE(E) (undo ? bit_unshuffle(out, in, m, E) : bit_shuffle(out, in, m, E))
#define DELTA(E) (undo ? undelta(out, in, m, E) : delta(out, in, m, E))
    switch (filter) {
    case H4_FILTER_SHUFFLE:
        EACH_SHUFFLE_SIZE(SHUFFLE, e);
        break;
    case H4_FILTER_BITSHUFFLE:
        m -= m % 8;
        done = m * e;
        EACH_SHUFFLE_SIZE(BITSHUFFLE, e);
        break;
    case H4_FILTER_DELTA:
        EACH_SIZE(DELTA, e);
        break;
    default: {
        int64_t result = e == 2 ? wavelet(out, in, m, 2, undo) : wavelet(out, in, m, 4, undo);
        if (result < 0) {
            return result;
        }
    }
    }
    memcpy(out + done, in + done, size - done);
    return (int64_t)size;
}

#define FUSED(E) shuffle_bytedelta(out, in, size / (E), E, size)

/* The stages in the order they run (reversed to undo), a shuffle followed by delta:1 fused into one when applying. */
struct stage {
    uint32_t filter, element_size;
    int fused;
};

static int64_t run(const uint32_t *chain, size_t stages, void *dst, const void *src, size_t size, int undo) {
    if ((chain == NULL && stages > 0) || ((dst == NULL || src == NULL) && size > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (stages > H4_MAX_FILTERS) {
        return H4_E_BAD_FILTER;
    }
    for (size_t k = 0; k < stages; k++) {
        if (!defined(chain[2 * k], chain[2 * k + 1])) {
            return H4_E_BAD_FILTER;
        }
    }
    if (size > (size_t)INT64_MAX) {
        return H4_E_SRC_TOO_LARGE;
    }
    if (size == 0) {
        return 0;
    }
    struct stage order[H4_MAX_FILTERS];
    size_t steps = 0;
    for (size_t k = 0; k < stages; k++) {
        size_t at = undo ? stages - 1 - k : k;
        int fuse = !undo && k + 1 < stages && chain[2 * at] == H4_FILTER_SHUFFLE
                   && chain[2 * at + 2] == H4_FILTER_DELTA && chain[2 * at + 3] == 1;
        order[steps++] = (struct stage){chain[2 * at], chain[2 * at + 1], fuse};
        k += (size_t)fuse;
    }
    if (steps == 0) {
        memcpy(dst, src, size);
        return (int64_t)size;
    }
    /* Two buffers taken in turns, so that the last step writes dst and no step writes what it reads. */
    uint8_t *scratch = NULL;
    if (steps > 1 && (scratch = malloc(size)) == NULL) {
        return H4_E_NO_MEMORY;
    }
    const uint8_t *in = src;
    int64_t result = (int64_t)size;
    for (size_t k = 0; k < steps && result >= 0; k++) {
        uint8_t *out = (steps - 1 - k) % 2 == 0 ? dst : scratch;
        if (order[k].fused) {
            size_t e = order[k].element_size;
            EACH_SHUFFLE_SIZE(FUSED, e);
        } else {
            result = step(order[k].filter, order[k].element_size, out, in, size, undo);
        }
        in = out;
    }
    free(scratch);
    return result;
}

int64_t h4_filter_apply(const uint32_t *chain, size_t stages, void *dst, const void *src, size_t size) {
    return run(chain, stages, dst, src, size, 0);
}

int64_t h4_filter_undo(const uint32_t *chain, size_t stages, void *dst, const void *src, size_t size) {
    return run(chain, stages, dst, src, size, 1);
}
