/*
 * The filters' AVX-512 kernels (h4kernels.h): 64 bytes at a time with BW's byte and word lanes and VBMI's byte
 * permutations, each function compiled for those alone (the target attribute), so that the library stays built for
 * plain x86-64 and runs these only where the processor has them.
 */
#include "h4kernels.h"

#ifdef H4_HAVE_AVX
#include <immintrin.h>
#include <string.h>

#define AVX512 __attribute__((target("avx512bw,avx512vbmi")))

/* ---- byte shuffle ---- */

/* SSE2's rows16, 64 elements at a time: each split takes the even and the odd bytes of 128 in one permutation each. */
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

/* 64 elements at a time, then SSE2's 16 */
AVX512 size_t h4_avx512_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = e == 2 ? shuffle64(out, in, m, 2) : e == 4 ? shuffle64(out, in, m, 4) : shuffle64(out, in, m, 8);
    return h4_sse2_shuffle_from(out, in, m, e, i);
}

/* ---- a bit-shuffle row to its planes and back: bit k of row[i, i + 64) as one 64-bit mask ---- */

/* 64 bytes at a time, then SSE2's 16 */
AVX512 size_t h4_avx512_planes(uint8_t *first, size_t plane, const uint8_t *row, size_t t) {
    size_t i = 0;
    for (; i + 64 <= t; i += 64) {
        __m512i v = _mm512_loadu_si512((const void *)(row + i));
        for (size_t k = 0; k < 8; k++) {
            uint64_t bits = _mm512_test_epi8_mask(v, _mm512_set1_epi8((char)(1 << k)));
            memcpy(first + k * plane + i / 8, &bits, 8);
        }
    }
    return i + h4_sse2_planes(first + i / 8, plane, row + i, t - i);
}

AVX512 size_t h4_avx512_unplanes(uint8_t *row, const uint8_t *first, size_t plane, size_t t) {
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

/* ---- the wavelet's levels ---- */

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

/* AVX2's level256 with 64 / E highs and lows per step; reads x[2i] to x[2i + 128/E + 1], hence the bound on n */
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

AVX512 size_t h4_avx512_wavelet_level(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e,
                                      size_t inner) {
    return e == 2 ? level64(x, n, low, high, 2, inner) : level64(x, n, low, high, 4, inner);
}

AVX512 size_t h4_avx512_wavelet_evens(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h) {
    return e == 2 ? evens64(evens, low, high, 2, h) : evens64(evens, low, high, 4, h);
}

AVX512 size_t h4_avx512_wavelet_odds(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e,
                                     size_t inner) {
    return e == 2 ? odds64(x, evens, high, 2, inner) : odds64(x, evens, high, 4, inner);
}
#endif
