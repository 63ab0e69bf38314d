/* The filters' SSE2 kernels (h4kernels.h): 16 bytes at a time, on every x86-64. */
#include "h4kernels.h"

#ifdef H4_HAVE_SSE2
#include <emmintrin.h>
#include <string.h>

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

/* ---- byte shuffle ---- */

static ALWAYS_INLINE size_t shuffle16(uint8_t *out, const uint8_t *in, size_t m, size_t e, size_t i) {
    for (; i + 16 <= m; i += 16) {
        __m128i rows[8];
        rows16(in + i * e, e, rows);
        for (size_t j = 0; j < e; j++) {
            _mm_storeu_si128((__m128i *)(out + j * m + i), rows[j]);
        }
    }
    return i;
}

/* From element i on: the wider kernels do the rest of their block with this one. */
size_t h4_sse2_shuffle_from(uint8_t *out, const uint8_t *in, size_t m, size_t e, size_t i) {
    return e == 2 ? shuffle16(out, in, m, 2, i) : e == 4 ? shuffle16(out, in, m, 4, i) : shuffle16(out, in, m, 8, i);
}

size_t h4_sse2_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    return h4_sse2_shuffle_from(out, in, m, e, 0);
}

static ALWAYS_INLINE size_t unshuffle16(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
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
    return i;
}

size_t h4_sse2_unshuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    return e == 2 ? unshuffle16(out, in, m, 2) : e == 4 ? unshuffle16(out, in, m, 4) : unshuffle16(out, in, m, 8);
}

/* ---- shuffle then delta:1 in one pass ---- */

static ALWAYS_INLINE size_t shuffle_bytedelta16(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
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
    return i;
}

size_t h4_sse2_shuffle_bytedelta(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    return e == 2   ? shuffle_bytedelta16(out, in, m, 2)
           : e == 4 ? shuffle_bytedelta16(out, in, m, 4)
                    : shuffle_bytedelta16(out, in, m, 8);
}

/* ---- the running sum that undoes delta ---- */

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

/* Within 16 bytes by shifted adds (log steps), carried from one 16 bytes to the next. */
static ALWAYS_INLINE size_t undelta16(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
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
    return i;
}

size_t h4_sse2_undelta(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    switch (e) {
    case 1: return undelta16(out, in, m, 1);
    case 2: return undelta16(out, in, m, 2);
    case 4: return undelta16(out, in, m, 4);
    default: return undelta16(out, in, m, 8);
    }
}

/* ---- a bit-shuffle row to its planes ---- */

size_t h4_sse2_planes(uint8_t *first, size_t plane, const uint8_t *row, size_t t) {
    size_t i = 0;
    for (; i + 16 <= t; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(row + i));
        for (size_t k = 8; k-- > 0;) { /* the top bit of each byte, then the next, shifted up */
            uint16_t bits = (uint16_t)_mm_movemask_epi8(v);
            memcpy(first + k * plane + i / 8, &bits, 2); /* x86: little-endian */
            v = _mm_add_epi8(v, v);
        }
    }
    return i;
}
#endif
