/*
 * The filters' AVX2 kernels (h4kernels.h): 32 bytes at a time, each function compiled for AVX2 alone (the target
 * attribute), so that the library stays built for plain x86-64 and runs these only where the processor has AVX2.
 */
#include "h4kernels.h"

#ifdef H4_HAVE_AVX
#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))

/* ---- byte shuffle ---- */

/* SSE2's split_bytes in 32-byte registers: the pack works per 128-bit lane, so its quarters are put back in order */
static AVX2 ALWAYS_INLINE void split_bytes32(__m256i a, __m256i b, __m256i *even, __m256i *odd) {
    const __m256i low = _mm256_set1_epi16(0x00FF);
    *even = _mm256_permute4x64_epi64(_mm256_packus_epi16(_mm256_and_si256(a, low), _mm256_and_si256(b, low)), 0xD8);
    *odd = _mm256_permute4x64_epi64(_mm256_packus_epi16(_mm256_srli_epi16(a, 8), _mm256_srli_epi16(b, 8)), 0xD8);
}

/* SSE2's rows16, 32 elements at a time */
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

/* 32 elements at a time, then SSE2's 16 */
AVX2 size_t h4_avx2_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = e == 2 ? shuffle32(out, in, m, 2) : e == 4 ? shuffle32(out, in, m, 4) : shuffle32(out, in, m, 8);
    return h4_sse2_shuffle_from(out, in, m, e, i);
}

/* ---- a bit-shuffle row to its planes and back: bit k of row[i, i + 32) as one 32-bit mask ---- */

/* 32 bytes at a time, then SSE2's 16 */
AVX2 size_t h4_avx2_planes(uint8_t *first, size_t plane, const uint8_t *row, size_t t) {
    size_t i = 0;
    for (; i + 32 <= t; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(row + i));
        for (size_t k = 8; k-- > 0;) { /* the top bit of each byte, then the next, shifted up */
            uint32_t bits = (uint32_t)_mm256_movemask_epi8(v);
            memcpy(first + k * plane + i / 8, &bits, 4); /* x86: little-endian */
            v = _mm256_add_epi8(v, v);
        }
    }
    return i + h4_sse2_planes(first + i / 8, plane, row + i, t - i);
}

/* Each plane's 32 bits spread to one byte each (byte b gets bit b%8 of byte b/8), kept where set, as bit k */
AVX2 size_t h4_avx2_unplanes(uint8_t *row, const uint8_t *first, size_t plane, size_t t) {
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

/* ---- the wavelet's levels ---- */

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

AVX2 size_t h4_avx2_wavelet_level(const uint8_t *x, size_t n, uint8_t *low, uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? level256(x, n, low, high, 2, inner) : level256(x, n, low, high, 4, inner);
}

AVX2 size_t h4_avx2_wavelet_evens(uint8_t *evens, const uint8_t *low, const uint8_t *high, size_t e, size_t h) {
    return e == 2 ? evens256(evens, low, high, 2, h) : evens256(evens, low, high, 4, h);
}

AVX2 size_t h4_avx2_wavelet_odds(uint8_t *x, const uint8_t *evens, const uint8_t *high, size_t e, size_t inner) {
    return e == 2 ? odds256(x, evens, high, 2, inner) : odds256(x, evens, high, 4, inner);
}
#endif
