/*
 * Unit tests of the filters (ABI 4): docs/filters.md's test vectors, round trips of every filter and element size
 * over lengths that leave every kind of tail, the SSE2 code against the plain C code byte for byte, the buffers'
 * edges, and the errors. Exits non-zero on the first failure.
 */
#include "h4core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same source built with -DH4_SCALAR_FILTERS and these names (Makefile): plain C, no SIMD. */
int64_t h4_scalar_filter_apply(uint32_t filter, uint32_t element_size, void *dst, const void *src, size_t size);
int64_t h4_scalar_filter_undo(uint32_t filter, uint32_t element_size, void *dst, const void *src, size_t size);

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

typedef int64_t (*filter_fn)(uint32_t, uint32_t, void *, const void *, size_t);

static size_t unhex(const char *hex, uint8_t *out) {
    size_t n = 0;
    for (; hex[0] && hex[1]; hex += 2) {
        unsigned v;
        sscanf(hex, "%2x", &v);
        out[n++] = (uint8_t)v;
    }
    return n;
}

/* in -> expected through the filter, both implementations, and back. */
static void vector(uint32_t filter, uint32_t e, const char *in_hex, const char *out_hex) {
    uint8_t in[64], expected[64], got[64], back[64];
    size_t n = unhex(in_hex, in);
    CHECK(unhex(out_hex, expected) == n);
    filter_fn applies[2] = {h4_filter_apply, h4_scalar_filter_apply};
    filter_fn undos[2] = {h4_filter_undo, h4_scalar_filter_undo};
    for (int k = 0; k < 2; k++) {
        CHECK(applies[k](filter, e, got, in, n) == (int64_t)n);
        if (memcmp(got, expected, n) != 0) {
            fprintf(stderr, "filter %u:%u on %s is not %s\n", filter, e, in_hex, out_hex);
            failures++;
        }
        CHECK(undos[k](filter, e, back, expected, n) == (int64_t)n);
        CHECK(memcmp(back, in, n) == 0);
    }
}

static void test_vectors(void) {
    vector(H4_FILTER_SHUFFLE, 4, "000102030405060708090a0b0c0d", "00040801050902060a03070b0c0d");
    vector(H4_FILTER_BITSHUFFLE, 2, "01000200040008001000200040008000ee", "01020408102040800000000000000000ee");
    vector(H4_FILTER_DELTA, 1, "050706ff00", "0502fff901");
    vector(H4_FILTER_DELTA, 2, "0001ff007f", "0001ffff7f");
    vector(H4_FILTER_DELTA, 8, "01000000000000000000000000000000", "0100000000000000ffffffffffffffff");
    vector(H4_FILTER_WAVELET, 2, "0a000c000e0014001200ff", "0f000a00000000000400ff");
    vector(H4_FILTER_WAVELET, 2, "ff7f0080", "00800100");
}

static const uint32_t filters[] = {H4_FILTER_SHUFFLE, H4_FILTER_BITSHUFFLE, H4_FILTER_DELTA, H4_FILTER_WAVELET};
static const uint32_t sizes[] = {1, 2, 4, 8};

static int is_defined(uint32_t filter, uint32_t e) {
    return filter == H4_FILTER_DELTA || (e != 1 && (filter != H4_FILTER_WAVELET || e != 8));
}

/* Bytes of every kind: random, smooth (where the wavelet and delta work), and the extremes that overflow. */
static void fill(uint8_t *p, size_t n, unsigned seed, int kind) {
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = kind == 0 ? (uint8_t)(seed >> 16)
             : kind == 1 ? (uint8_t)((i % 2 == 0) ? (i / 2) * 3 : (i / 512) + (seed >> 30))
             : (uint8_t)((seed >> 20) & 1 ? 0xFF : (i % 2 ? 0x7F : 0x80));
    }
}

#define GUARD 32
static void test_round_trips(void) {
    size_t lengths[] = {0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 130, 255, 256, 257,
                        1000, 4095, 4096, 4097, 65536 + 24, 100003};
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        size_t n = lengths[li];
        uint8_t *in = malloc(n + 1), *a = malloc(n + GUARD), *b = malloc(n + GUARD), *back = malloc(n + GUARD);
        for (int kind = 0; kind < 3; kind++) {
            fill(in, n, (unsigned)(n * 31 + (size_t)kind), kind);
            for (size_t fi = 0; fi < 4; fi++) {
                for (size_t si = 0; si < 4; si++) {
                    uint32_t f = filters[fi], e = sizes[si];
                    if (!is_defined(f, e)) {
                        CHECK(h4_filter_apply(f, e, a, in, n) == H4_E_BAD_FILTER);
                        CHECK(h4_filter_undo(f, e, a, in, n) == H4_E_BAD_FILTER);
                        continue;
                    }
                    memset(a, 0xA5, n + GUARD);
                    memset(b, 0x5A, n + GUARD);
                    CHECK(h4_filter_apply(f, e, a, in, n) == (int64_t)n);
                    CHECK(h4_scalar_filter_apply(f, e, b, in, n) == (int64_t)n);
                    if (n > 0 && memcmp(a, b, n) != 0) {
                        fprintf(stderr, "SSE2 and plain C differ: filter %u:%u, %zu bytes, kind %d\n", f, e, n, kind);
                        failures++;
                    }
                    for (size_t g = 0; g < GUARD; g++) {
                        CHECK(a[n + g] == 0xA5);
                    }
                    memset(back, 0xA5, n + GUARD);
                    CHECK(h4_filter_undo(f, e, back, a, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(back, in, n) == 0);
                    CHECK(back[n] == 0xA5 && back[n + GUARD - 1] == 0xA5);
                    /* undo of bytes no filter made: both implementations agree, and apply restores them */
                    CHECK(h4_filter_undo(f, e, a, in, n) == (int64_t)n);
                    CHECK(h4_scalar_filter_undo(f, e, b, in, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(a, b, n) == 0);
                    CHECK(h4_filter_apply(f, e, back, a, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(back, in, n) == 0);
                }
            }
        }
        free(in);
        free(a);
        free(b);
        free(back);
    }
}

static void test_errors(void) {
    uint8_t buf[16] = {0}, out[16];
    CHECK(h4_filter_apply(0, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_apply(5, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_apply(H4_FILTER_SHUFFLE, 3, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_apply(H4_FILTER_SHUFFLE, 0, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_undo(H4_FILTER_WAVELET, 8, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_apply(H4_FILTER_SHUFFLE, 2, NULL, buf, 16) == H4_E_NULL_ARGUMENT);
    CHECK(h4_filter_undo(H4_FILTER_SHUFFLE, 2, out, NULL, 16) == H4_E_NULL_ARGUMENT);
    CHECK(h4_filter_apply(H4_FILTER_WAVELET, 2, NULL, NULL, 0) == 0);
    CHECK(h4_filter_apply(H4_FILTER_DELTA, 1, out, buf, SIZE_MAX) == H4_E_SRC_TOO_LARGE);
    CHECK(strcmp(h4_error_name(H4_E_BAD_FILTER), "H4_E_BAD_FILTER") == 0);
}

int main(void) {
    test_vectors();
    test_round_trips();
    test_errors();
    if (failures) {
        fprintf(stderr, "h4filters_test: %d check(s) failed\n", failures);
        return 1;
    }
    printf("h4filters_test: all checks passed\n");
    return 0;
}
