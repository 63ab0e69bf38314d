/*
 * The filters of docs/filters.md (ABI 4): byte shuffle, bit shuffle, delta and the 5/3 integer wavelet, giving
 * byte for byte what harmony4's Java reference classes give (io.harmony4.filter), which define them.
 *
 * The hot loops of the shuffles use SSE2, which every x86-64 processor has; elsewhere, or built with
 * -DH4_SCALAR_FILTERS (which `make check` tests too), plain C gives the same bytes.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && !defined(H4_SCALAR_FILTERS)
#  include <emmintrin.h>
#  define H4_SSE2 1
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
    size_t n = e;
    for (size_t stride = 1; stride < e; stride *= 2) {
        for (size_t k = 0; k < n / 2; k++) {
            split_bytes(v[2 * k], v[2 * k + 1], &w[k], &w[k + n / 2]);
        }
        memcpy(v, w, n * sizeof v[0]);
    }
    memcpy(rows, v, e * sizeof v[0]);
}
#endif

static ALWAYS_INLINE void byte_shuffle(uint8_t *out, const uint8_t *in, size_t m, size_t e) {
    size_t i = 0;
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

static ALWAYS_INLINE void bit_shuffle(uint8_t *out, const uint8_t *in, size_t m8, size_t e) {
    uint8_t rows[8 * TILE];
    size_t plane = m8 / 8;
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE; /* a multiple of 8 */
        byte_shuffle(rows, in + i0 * e, t, e);
        for (size_t j = 0; j < e; j++) {
            const uint8_t *row = rows + j * t;
            uint8_t *first = out + 8 * j * plane + i0 / 8; /* plane 8j, at this tile's first byte */
            size_t i = 0;
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
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE;
        for (size_t j = 0; j < e; j++) {
            const uint8_t *first = in + 8 * j * plane + i0 / 8;
            for (size_t i = 0; i < t; i += 8) {
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
 * The bands are read and written where they are: the signal and the coefficients as E-byte little-endian integers
 * in the caller's buffers (format E), the low bands between levels as 32-bit ints in working memory (format 0).
 * Each function is inlined with constant formats, so that every loop knows what it loads and stores.
 */
static ALWAYS_INLINE int32_t get(const void *band, size_t i, size_t format, size_t e) {
    if (format == 0) {
        return ((const int32_t *)band)[i];
    }
    return wrap((uint32_t)load_le((const uint8_t *)band + i * e, e), e);
}

static ALWAYS_INLINE void put(void *band, size_t i, size_t format, int32_t v) {
    if (format == 0) {
        ((int32_t *)band)[i] = v;
    } else {
        store_le((uint8_t *)band + i * format, format, (uint32_t)v);
    }
}

/*
 * One level on x[0, n), n >= 2: the h = n/2 high (detail) coefficients to high[0, h) (E-byte integers, their final
 * place in the output), the l = n - h low ones to low[0, l). The ends mirror: x[n] is x[n-2], d[-1] is d[0] and
 * d[h] is d[h-1].
 */
static ALWAYS_INLINE void wavelet_level(const void *restrict x, size_t xf, size_t n, int32_t *restrict low,
                                        uint8_t *restrict high, size_t e) {
    size_t h = n / 2, l = n - h;
    size_t inner = n % 2 == 0 ? h - 1 : h; /* the highs whose right neighbour x[2i+2] exists */
    for (size_t i = 0; i < inner; i++) {
        put(high, i, e, wrap(sub(get(x, 2 * i + 1, xf, e), half(get(x, 2 * i, xf, e), get(x, 2 * i + 2, xf, e))), e));
    }
    if (inner < h) {
        int32_t left = get(x, n - 2, xf, e);
        put(high, h - 1, e, wrap(sub(get(x, n - 1, xf, e), half(left, left)), e));
    }
    int32_t d0 = get(high, 0, e, e);
    low[0] = wrap(add(get(x, 0, xf, e), quarter(d0, d0)), e);
    for (size_t i = 1; i < h; i++) {
        low[i] = wrap(add(get(x, 2 * i, xf, e), quarter(get(high, i - 1, e, e), get(high, i, e, e))), e);
    }
    if (l > h) {
        int32_t last = get(high, h - 1, e, e);
        low[h] = wrap(add(get(x, 2 * h, xf, e), quarter(last, last)), e);
    }
}

/* The inverse of wavelet_level: x[0, n) from low[0, l) and high[0, h), the same predictions from the same values. */
static ALWAYS_INLINE void wavelet_unlevel(void *restrict x, size_t xf, size_t n, const void *restrict low, size_t lf,
                                          const uint8_t *restrict high, size_t e) {
    size_t h = n / 2, l = n - h;
    int32_t d0 = get(high, 0, e, e);
    put(x, 0, xf, wrap(sub(get(low, 0, lf, e), quarter(d0, d0)), e));
    for (size_t i = 1; i < h; i++) {
        put(x, 2 * i, xf, wrap(sub(get(low, i, lf, e), quarter(get(high, i - 1, e, e), get(high, i, e, e))), e));
    }
    if (l > h) {
        int32_t last = get(high, h - 1, e, e);
        put(x, 2 * h, xf, wrap(sub(get(low, h, lf, e), quarter(last, last)), e));
    }
    size_t inner = n % 2 == 0 ? h - 1 : h;
    for (size_t i = 0; i < inner; i++) {
        put(x, 2 * i + 1, xf, wrap(add(get(high, i, e, e), half(get(x, 2 * i, xf, e), get(x, 2 * i + 2, xf, e))), e));
    }
    if (inner < h) {
        int32_t left = get(x, n - 2, xf, e);
        put(x, n - 1, xf, wrap(add(get(high, h - 1, e, e), half(left, left)), e));
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
    int32_t *memory = malloc((first + first / 2 + 2) * sizeof(int32_t));
    if (memory == NULL) {
        return H4_E_NO_MEMORY;
    }
    int32_t *buffers[2] = {memory, memory + first};
    if (!undo) {
        const void *x = in;
        size_t xf = e;
        for (size_t k = 0; k < levels; k++) {
            size_t n = lengths[k];
            int32_t *low = buffers[k % 2];
            wavelet_level(x, xf, n, low, out + (n - n / 2) * e, e);
            x = low;
            xf = 0;
        }
        size_t l = lengths[levels - 1] - lengths[levels - 1] / 2;
        for (size_t i = 0; i < l; i++) {
            put(out, i, e, ((const int32_t *)x)[i]);
        }
    } else {
        const void *low = in;
        size_t lf = e;
        for (size_t k = levels; k-- > 0;) {
            size_t n = lengths[k];
            const uint8_t *high = in + (n - n / 2) * e;
            if (k == 0) {
                wavelet_unlevel(out, e, n, low, lf, high, e);
            } else {
                int32_t *x = buffers[(k + 1) % 2]; /* level 1 restores the first low band: the larger buffer */
                wavelet_unlevel(x, 0, n, low, lf, high, e);
                low = x;
                lf = 0;
            }
        }
    }
    free(memory);
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
#define SHUFFLE(E) (undo ? byte_unshuffle(out, in, m, E) : byte_shuffle(out, in, m, E))
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
