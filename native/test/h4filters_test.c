/*
 * Unit tests of the filters (ABI 4): docs/filters.md's test vectors, round trips of every filter and element size
 * over lengths that leave every kind of tail, every kernel table this processor runs against the plain C one byte
 * for byte (a table it cannot run is reported as skipped, never passed), the loader's choice of table and h4_info's
 * name for it, chains (a fused one among them) against their filters one after the other, the buffers' edges, and
 * the errors. Exits non-zero on the first failure.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "h4core.h"
#include "h4kernels.h"
#include "guarded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef H4_FILTER_ISA_MAX /* the cap the library was built with: the same CFLAGS build this test */
#  define H4_FILTER_ISA_MAX H4_ISA_AVX512
#endif

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

/*
 * The versions under test, plain C first: every kernel table this processor runs (through the library's own chain
 * code), then the library's entry points, which run the table the loader chose. The others must give plain C's bytes.
 */
struct version {
    const char *name;
    const struct h4_kernels *kernels; /* NULL: h4_filter_apply and h4_filter_undo */
};
static struct version versions[H4_ISA_LEVELS + 1];
static int version_count;
static const char *tested[H4_ISA_LEVELS], *skipped[H4_ISA_LEVELS]; /* the tables compared with plain C, or not */
static int tested_count, skipped_count;

static void find_versions(void) {
    versions[version_count++] = (struct version){"plain C", h4_kernels_at(H4_ISA_PLAIN)};
    static const char *const names[H4_ISA_LEVELS] = {"plain", "sse2", "avx2", "avx512"};
    for (int level = H4_ISA_PLAIN + 1; level < H4_ISA_LEVELS; level++) {
        const struct h4_kernels *kernels = h4_kernels_at(level);
        if (kernels == NULL) {
            printf("SKIPPED: %s kernels (cpu lacks %s)\n", names[level], h4_kernels_missing(level));
            skipped[skipped_count++] = names[level];
        } else {
            CHECK(strcmp(kernels->name, names[level]) == 0);
            versions[version_count++] = (struct version){kernels->name, kernels};
            tested[tested_count++] = kernels->name;
        }
    }
    versions[version_count++] = (struct version){"the library's", NULL};
}

static int64_t run(const struct version *v, int undo, const uint32_t *chain, size_t stages, void *dst,
                   const void *src, size_t n) {
    if (v->kernels == NULL) {
        return undo ? h4_filter_undo(chain, stages, dst, src, n) : h4_filter_apply(chain, stages, dst, src, n);
    }
    return h4_filter_run(v->kernels, chain, stages, dst, src, n, undo);
}

/* One filter, as a chain of one. */
static int64_t one(const struct version *v, int undo, uint32_t filter, uint32_t e, void *dst, const void *src,
                   size_t n) {
    uint32_t chain[2] = {filter, e};
    return run(v, undo, chain, 1, dst, src, n);
}
#define PLAIN (&versions[0])
#define LIBRARY (&versions[version_count - 1])
#define apply_scalar(f, e, d, s, n) one(PLAIN, 0, f, e, d, s, n)
#define undo_scalar(f, e, d, s, n) one(PLAIN, 1, f, e, d, s, n)
#define apply_simd(f, e, d, s, n) one(LIBRARY, 0, f, e, d, s, n)
#define undo_simd(f, e, d, s, n) one(LIBRARY, 1, f, e, d, s, n)

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
    for (int k = 0; k < version_count; k++) {
        CHECK(one(&versions[k], 0, filter, e, got, in, n) == (int64_t)n);
        if (memcmp(got, expected, n) != 0) {
            fprintf(stderr, "filter %u:%u on %s is not %s\n", filter, e, in_hex, out_hex);
            failures++;
        }
        CHECK(one(&versions[k], 1, filter, e, back, expected, n) == (int64_t)n);
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

/* Bytes written after each output, which no filter may change. */
#define GUARD 32

static int is_defined(uint32_t filter, uint32_t e) {
    return filter == H4_FILTER_DELTA || (e != 1 && (filter != H4_FILTER_WAVELET || e != 8));
}

/*
 * Bytes of every kind: random, smooth (where the wavelet and delta work), bytes near the extremes, and the extremes
 * themselves: 4-byte groups that read as INT32_MIN or INT32_MAX, or as INT16_MIN and INT16_MAX, so that every sum
 * of the wavelet overflows at E = 2 and 4.
 */
#define KINDS 4
static void fill(uint8_t *p, size_t n, unsigned seed, int kind) {
    static const uint8_t extremes[4][4] = {{0, 0, 0, 0x80}, {0xFF, 0xFF, 0xFF, 0x7F}, {0, 0x80, 0xFF, 0x7F},
                                           {0xFF, 0x7F, 0, 0x80}};
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        if (kind == 3 && i % 4 == 0) {
            for (size_t b = i; b < n && b < i + 4; b++) {
                p[b] = extremes[seed >> 30][b - i];
            }
        }
        if (kind < 3) {
            p[i] = kind == 0 ? (uint8_t)(seed >> 16)
                 : kind == 1 ? (uint8_t)((i % 2 == 0) ? (i / 2) * 3 : (i / 512) + (seed >> 30))
                 : (uint8_t)((seed >> 20) & 1 ? 0xFF : (i % 2 ? 0x7F : 0x80));
        }
    }
}

static int guard_intact(const uint8_t *p, uint8_t value) {
    for (size_t g = 0; g < GUARD; g++) {
        if (p[g] != value) {
            return 0;
        }
    }
    return 1;
}

/* Every filter and element size on n bytes of every kind, in every version, both ways, against plain C. */
static void round_trips(size_t n) {
    struct guarded in_pages = guarded(n), filtered_pages = guarded(n);
    uint8_t *in = in_pages.bytes, *filtered = filtered_pages.bytes;
    uint8_t *a = malloc(n + GUARD), *b = malloc(n + GUARD), *back = malloc(n + GUARD);
    for (int kind = 0; kind < KINDS; kind++) {
        fill(in, n, (unsigned)(n * 31 + (size_t)kind), kind);
        for (size_t fi = 0; fi < 4; fi++) {
            for (size_t si = 0; si < 4; si++) {
                uint32_t f = filters[fi], e = sizes[si];
                if (!is_defined(f, e)) {
                    CHECK(apply_simd(f, e, a, in, n) == H4_E_BAD_FILTER);
                    CHECK(undo_simd(f, e, a, in, n) == H4_E_BAD_FILTER);
                    continue;
                }
                CHECK(apply_scalar(f, e, b, in, n) == (int64_t)n);
                for (int k = 1; k < version_count; k++) {
                    memset(a, 0xA5, n + GUARD);
                    CHECK(one(&versions[k], 0, f, e, a, in, n) == (int64_t)n);
                    if (n > 0 && memcmp(a, b, n) != 0) {
                        fprintf(stderr, "%s and plain C differ: filter %u:%u, %zu bytes, kind %d\n",
                                versions[k].name, f, e, n, kind);
                        failures++;
                    }
                    CHECK(guard_intact(a + n, 0xA5));
                    memcpy(filtered, a, n);
                    memset(back, 0xA5, n + GUARD);
                    CHECK(one(&versions[k], 1, f, e, back, filtered, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(back, in, n) == 0);
                    CHECK(guard_intact(back + n, 0xA5));
                }
                /* undo of bytes no filter made: every version agrees, and apply restores them */
                CHECK(undo_scalar(f, e, b, in, n) == (int64_t)n);
                for (int k = 1; k < version_count; k++) {
                    memset(a, 0xA5, n + GUARD);
                    CHECK(one(&versions[k], 1, f, e, a, in, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(a, b, n) == 0);
                    CHECK(guard_intact(a + n, 0xA5));
                    memcpy(filtered, a, n);
                    memset(back, 0xA5, n + GUARD);
                    CHECK(one(&versions[k], 0, f, e, back, filtered, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(back, in, n) == 0);
                    CHECK(guard_intact(back + n, 0xA5));
                }
            }
        }
    }
    unguard(in_pages);
    unguard(filtered_pages);
    free(a);
    free(b);
    free(back);
}

/*
 * Every length up to 1100, so that each vector loop ends at the guard page with every remainder (64 lanes of
 * elements up to 8 bytes), then long ones. 4098, 4100, 65538 and 65540: an odd count of 2- or 4-byte elements
 * that ends a vector loop at the edge.
 */
static void test_round_trips(void) {
    for (size_t n = 0; n <= 1100; n++) {
        round_trips(n);
    }
    size_t lengths[] = {4095, 4096, 4097, 4098, 4100, 65538, 65540, 65536 + 24, 100003};
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        round_trips(lengths[li]);
    }
}

static void test_errors(void) {
    uint8_t buf[16] = {0}, out[16];
    CHECK(apply_simd(0, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(apply_simd(5, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(apply_simd(H4_FILTER_SHUFFLE, 3, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(apply_simd(H4_FILTER_SHUFFLE, 0, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(undo_simd(H4_FILTER_WAVELET, 8, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(apply_simd(H4_FILTER_SHUFFLE, 2, NULL, buf, 16) == H4_E_NULL_ARGUMENT);
    CHECK(undo_simd(H4_FILTER_SHUFFLE, 2, out, NULL, 16) == H4_E_NULL_ARGUMENT);
    CHECK(apply_simd(H4_FILTER_WAVELET, 2, NULL, NULL, 0) == 0);
    CHECK(apply_simd(H4_FILTER_DELTA, 1, out, buf, SIZE_MAX) == H4_E_SRC_TOO_LARGE);
    CHECK(h4_filter_apply(NULL, 1, out, buf, 16) == H4_E_NULL_ARGUMENT);
    uint32_t five[10] = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
    CHECK(h4_filter_apply(five, 5, out, buf, 16) == H4_E_BAD_FILTER);
    /* a bad filter anywhere in the chain: refused before anything is written */
    uint32_t bad_second[4] = {H4_FILTER_SHUFFLE, 2, H4_FILTER_WAVELET, 8};
    memset(out, 0x77, sizeof out);
    CHECK(h4_filter_apply(bad_second, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(h4_filter_undo(bad_second, 2, out, buf, 16) == H4_E_BAD_FILTER);
    CHECK(out[0] == 0x77 && out[15] == 0x77);
    /* no filters: a copy */
    uint8_t seq[16];
    for (int i = 0; i < 16; i++) {
        seq[i] = (uint8_t)(i * 7);
    }
    CHECK(h4_filter_apply(NULL, 0, out, seq, 16) == 16 && memcmp(out, seq, 16) == 0);
    CHECK(strcmp(h4_error_name(H4_E_BAD_FILTER), "H4_E_BAD_FILTER") == 0);
}

/*
 * Chains give what their filters give one after the other: in particular a shuffle followed by delta:1, which
 * runs as one pass when applied, at every element size and over every kind of tail, in every version.
 */
static void test_chains(void) {
    uint32_t chains[][8] = {
        {H4_FILTER_SHUFFLE, 2, H4_FILTER_DELTA, 1}, {H4_FILTER_SHUFFLE, 4, H4_FILTER_DELTA, 1},
        {H4_FILTER_SHUFFLE, 8, H4_FILTER_DELTA, 1}, {H4_FILTER_WAVELET, 2, H4_FILTER_SHUFFLE, 2},
        {H4_FILTER_DELTA, 4, H4_FILTER_SHUFFLE, 4, H4_FILTER_DELTA, 1},
        {H4_FILTER_SHUFFLE, 4, H4_FILTER_DELTA, 1, H4_FILTER_SHUFFLE, 2, H4_FILTER_DELTA, 1},
        {H4_FILTER_BITSHUFFLE, 8, H4_FILTER_DELTA, 2, H4_FILTER_WAVELET, 4, H4_FILTER_SHUFFLE, 8},
    };
    size_t counts[] = {2, 2, 2, 2, 3, 4, 4};
    size_t lengths[] = {0, 1, 2, 5, 8, 15, 16, 17, 31, 33, 64, 65, 127, 129, 1000, 4097, 65536 + 24, 100003};
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        size_t n = lengths[li];
        struct guarded in_pages = guarded(n);
        uint8_t *in = in_pages.bytes, *one_by_one = malloc(n + 1), *tmp = malloc(n + 1);
        uint8_t *filtered = malloc(n + GUARD), *back = malloc(n + 1);
        for (int kind = 0; kind < KINDS; kind++) {
            fill(in, n, (unsigned)(n * 17 + (size_t)kind), kind);
            for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
                const uint32_t *chain = chains[c];
                memcpy(one_by_one, in, n);
                for (size_t k = 0; k < counts[c]; k++) {
                    CHECK(apply_scalar(chain[2 * k], chain[2 * k + 1], tmp, one_by_one, n) == (int64_t)n);
                    memcpy(one_by_one, tmp, n);
                }
                for (int v = 0; v < version_count; v++) {
                    memset(filtered, 0xA5, n + GUARD);
                    CHECK(run(&versions[v], 0, chain, counts[c], filtered, in, n) == (int64_t)n);
                    if (n > 0 && memcmp(filtered, one_by_one, n) != 0) {
                        fprintf(stderr, "chain %zu on %zu bytes (kind %d) in %s is not its filters one after the "
                                "other\n", c, n, kind, versions[v].name);
                        failures++;
                    }
                    CHECK(filtered[n] == 0xA5 && filtered[n + GUARD - 1] == 0xA5);
                    CHECK(run(&versions[v], 1, chain, counts[c], back, filtered, n) == (int64_t)n);
                    CHECK(n == 0 || memcmp(back, in, n) == 0);
                }
            }
        }
        unguard(in_pages);
        free(one_by_one);
        free(tmp);
        free(filtered);
        free(back);
    }
}

/*
 * The loader's choice: under each cap, the widest table this processor runs, by its own feature flags (not the
 * library's code that decides); the table in use is the one for the cap the library was built with, and h4_info
 * names it.
 */
static void test_kernel_choice(void) {
    static const char *const widest[H4_ISA_LEVELS] = {"plain", "sse2", "avx2", "avx512"};
    for (int cap = H4_ISA_PLAIN; cap < H4_ISA_LEVELS; cap++) {
        int expected = cap;
#if defined(__x86_64__) && defined(__GNUC__)
        __builtin_cpu_init();
        int avx2 = __builtin_cpu_supports("avx2");
        int avx512 = avx2 && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi");
        while ((expected == H4_ISA_AVX512 && !avx512) || (expected == H4_ISA_AVX2 && !avx2)) {
            expected--;
        }
#else
        expected = H4_ISA_PLAIN;
#endif
        if (strcmp(h4_kernels_best(cap)->name, widest[expected]) != 0) {
            fprintf(stderr, "under cap %d the loader picks %s, not %s\n", cap, h4_kernels_best(cap)->name,
                    widest[expected]);
            failures++;
        }
    }
    const struct h4_kernels *in_use = h4_kernels_in_use();
    CHECK(in_use == h4_kernels_best(H4_FILTER_ISA_MAX));
    char field[64];
    snprintf(field, sizeof field, ",\"kernels\":\"%s\"}", in_use->name);
    const char *info = h4_info();
    CHECK(strlen(info) > strlen(field) && strcmp(info + strlen(info) - strlen(field), field) == 0);
}

/* One line that CI output shows (.ci/run): which tables ran, which were skipped and why above. */
static void summary(const char *name) {
    printf("%s: kernel tables held to plain C:", name);
    for (int k = 0; k < tested_count; k++) {
        printf(" %s", tested[k]);
    }
    printf("; skipped: %d", skipped_count);
    for (int k = 0; k < skipped_count; k++) {
        printf("%s%s", k == 0 ? " (" : " ", skipped[k]);
    }
    printf("%s; the library runs %s\n", skipped_count ? ")" : "", h4_kernels_in_use()->name);
}

int main(int argc, char **argv) {
    const char *name = argc > 0 && strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : "h4filters_test";
    find_versions();
    test_kernel_choice();
    test_vectors();
    test_round_trips();
    test_errors();
    test_chains();
    summary(name);
    if (failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}
