/*
 * The filters of docs/filters.md (ABI 4): byte shuffle, bit shuffle, delta and the 5/3 integer wavelet, giving
 * byte for byte what harmony4's Java reference classes give (io.harmony4.filter), which define them.
 *
 * This file holds their plain C. The hot loops also come in SSE2, AVX2 and AVX-512 versions, one table of them per
 * instruction set (h4kernels.h), chosen once when the library loads: each kernel does what its vectors can and the
 * plain C here does the rest, so every table gives the same bytes.
 */
#include "h4core.h"
#include "h4kernels.h"

#include <stdlib.h>
#include <string.h>

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

/* kernel: the kernels' shuffle or tile_shuffle */
static ALWAYS_INLINE void byte_shuffle(size_t (*kernel)(uint8_t *, const uint8_t *, size_t, size_t), uint8_t *out,
                                       const uint8_t *in, size_t m, size_t e) {
    for (size_t i = kernel ? kernel(out, in, m, e) : 0; i < m; i++) {
        for (size_t j = 0; j < e; j++) {
            out[j * m + i] = in[i * e + j];
        }
    }
}

static ALWAYS_INLINE void byte_unshuffle(const struct h4_kernels *kernels, uint8_t *out, const uint8_t *in, size_t m,
                                         size_t e) {
    for (size_t i = kernels->unshuffle ? kernels->unshuffle(out, in, m, e) : 0; i < m; i++) {
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

static ALWAYS_INLINE void bit_shuffle(const struct h4_kernels *kernels, uint8_t *out, const uint8_t *in, size_t m8,
                                      size_t e) {
    uint8_t rows[8 * TILE];
    size_t plane = m8 / 8;
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE; /* a multiple of 8 */
        byte_shuffle(kernels->tile_shuffle, rows, in + i0 * e, t, e);
        for (size_t j = 0; j < e; j++) {
            const uint8_t *row = rows + j * t;
            uint8_t *first = out + 8 * j * plane + i0 / 8; /* plane 8j, at this tile's first byte */
            for (size_t i = kernels->planes ? kernels->planes(first, plane, row, t) : 0; i < t; i += 8) {
                uint64_t x = transpose8(load_le(row + i, 8));
                for (size_t k = 0; k < 8; k++) {
                    first[k * plane + i / 8] = (uint8_t)(x >> (8 * k));
                }
            }
        }
    }
}

static ALWAYS_INLINE void bit_unshuffle(const struct h4_kernels *kernels, uint8_t *out, const uint8_t *in, size_t m8,
                                        size_t e) {
    uint8_t rows[8 * TILE];
    size_t plane = m8 / 8;
    for (size_t i0 = 0; i0 < m8; i0 += TILE) {
        size_t t = m8 - i0 < TILE ? m8 - i0 : TILE;
        for (size_t j = 0; j < e; j++) {
            const uint8_t *first = in + 8 * j * plane + i0 / 8;
            size_t i = kernels->unplanes ? kernels->unplanes(rows + j * t, first, plane, t) : 0;
            for (; i < t; i += 8) {
                uint64_t x = 0;
                for (size_t k = 0; k < 8; k++) {
                    x |= (uint64_t)first[k * plane + i / 8] << (8 * k);
                }
                store_le(rows + j * t + i, 8, transpose8(x));
            }
        }
        byte_unshuffle(kernels, out + i0 * e, rows, t, e);
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

/* A running sum, carried from the kernel's last element. */
static ALWAYS_INLINE void undelta(const struct h4_kernels *kernels, uint8_t *restrict out,
                                  const uint8_t *restrict in, size_t m, size_t e) {
    size_t i = kernels->undelta ? kernels->undelta(out, in, m, e) : 0;
    uint64_t sum = i > 0 ? load_le(out + (i - 1) * e, e) : 0;
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


/*
 * One level on x[0, n), n >= 2: the h = n/2 high (detail) coefficients to high[0, h) (their final place in the
 * output), the l = n - h low ones to low[0, l). The ends mirror: x[n] is x[n-2], d[-1] is d[0] and d[h] is d[h-1].
 */
static ALWAYS_INLINE void wavelet_level(const struct h4_kernels *kernels, const uint8_t *restrict x, size_t n,
                                        uint8_t *restrict low, uint8_t *restrict high, size_t e) {
    size_t h = n / 2, l = n - h;
    size_t inner = n % 2 == 0 ? h - 1 : h; /* the highs whose right neighbour x[2i+2] exists */
    /* the highs and lows the vectors made */
    size_t done = kernels->wavelet_level ? kernels->wavelet_level(x, n, low, high, e, inner) : 0;
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
static ALWAYS_INLINE void wavelet_unlevel(const struct h4_kernels *kernels, uint8_t *restrict x, size_t n,
                                          const uint8_t *restrict low, const uint8_t *restrict high, size_t e,
                                          uint8_t *restrict evens) {
    size_t h = n / 2, l = n - h;
    int32_t d0 = get(high, 0, e);
    put(evens, 0, e, wrap(sub(get(low, 0, e), quarter(d0, d0)), e));
    for (size_t i = kernels->wavelet_evens ? kernels->wavelet_evens(evens, low, high, e, h) : 1; i < h; i++) {
        put(evens, i, e, wrap(sub(get(low, i, e), quarter(get(high, i - 1, e), get(high, i, e))), e));
    }
    if (l > h) {
        int32_t last = get(high, h - 1, e);
        put(evens, h, e, wrap(sub(get(low, h, e), quarter(last, last)), e));
    }
    size_t inner = n % 2 == 0 ? h - 1 : h;
    for (size_t i = kernels->wavelet_odds ? kernels->wavelet_odds(x, evens, high, e, inner) : 0; i < inner; i++) {
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
static ALWAYS_INLINE int64_t wavelet(const struct h4_kernels *kernels, uint8_t *out, const uint8_t *in, size_t m,
                                     size_t e, int undo) {
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
    if (!undo) {
        const uint8_t *x = in;
        for (size_t k = 0; k < levels; k++) {
            size_t n = lengths[k];
            wavelet_level(kernels, x, n, buffers[k % 2], out + (n - n / 2) * e, e);
            x = buffers[k % 2];
        }
        memcpy(out, x, (lengths[levels - 1] - lengths[levels - 1] / 2) * e);
    } else {
        const uint8_t *low = in;
        for (size_t k = levels; k-- > 0;) {
            size_t n = lengths[k];
            /* level 1 restores the first low band: the larger buffer */
            uint8_t *x = k == 0 ? out : buffers[(k + 1) % 2];
            wavelet_unlevel(kernels, x, n, low, in + (n - n / 2) * e, e, evens);
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
static ALWAYS_INLINE void shuffle_bytedelta(const struct h4_kernels *kernels, uint8_t *out, const uint8_t *in,
                                            size_t m, size_t e, size_t size) {
    for (size_t i = kernels->shuffle_bytedelta ? kernels->shuffle_bytedelta(out, in, m, e) : 0; i < m; i++) {
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
static int64_t step(const struct h4_kernels *kernels, uint32_t filter, uint32_t element_size, uint8_t *out,
                    const uint8_t *in, size_t size, int undo) {
    size_t e = element_size;
    size_t m = size / e;
    size_t done = m * e; /* the transformed prefix; the tail after it is copied */
#define SHUFFLE(E) (undo ? byte_unshuffle(kernels, out, in, m, E) : byte_shuffle(kernels->shuffle, out, in, m, E))
#define BITSHUFFLE(E) (undo ? bit_unshuffle(kernels, out, in, m, E) : bit_shuffle(kernels, out, in, m, E))
#define DELTA(E) (undo ? undelta(kernels, out, in, m, E) : delta(out, in, m, E))
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
        int64_t result = e == 2 ? wavelet(kernels, out, in, m, 2, undo) : wavelet(kernels, out, in, m, 4, undo);
        if (result < 0) {
            return result;
        }
    }
    }
    memcpy(out + done, in + done, size - done);
    return (int64_t)size;
}

#define FUSED(E) shuffle_bytedelta(kernels, out, in, size / (E), E, size)

/* The stages in the order they run (reversed to undo), a shuffle followed by delta:1 fused into one when applying. */
struct stage {
    uint32_t filter, element_size;
    int fused;
};

int64_t h4_filter_run(const struct h4_kernels *kernels, const uint32_t *chain, size_t stages, void *dst,
                      const void *src, size_t size, int undo) {
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
            result = step(kernels, order[k].filter, order[k].element_size, out, in, size, undo);
        }
        in = out;
    }
    free(scratch);
    return result;
}

int64_t h4_filter_apply(const uint32_t *chain, size_t stages, void *dst, const void *src, size_t size) {
    return h4_filter_run(h4_kernels_in_use(), chain, stages, dst, src, size, 0);
}

int64_t h4_filter_undo(const uint32_t *chain, size_t stages, void *dst, const void *src, size_t size) {
    return h4_filter_run(h4_kernels_in_use(), chain, stages, dst, src, size, 1);
}
