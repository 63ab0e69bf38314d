/*
 * What each filter costs next to the core's compression: a typed file cut into 1 MiB blocks, and per round, in
 * turns, the core's h4_compress of every block without a filter, then each filter's h4_filter_apply and
 * h4_filter_undo of every block, and the chain shuffle:E,delta:1 (one pass when applied). Prints each filter's
 * median MB/s both ways and its time as a share of compressing without it.
 * Usage: filter_cost FILE ELEMENT_SIZE [LEVEL=3] [RUNS=20]
 */
#define _POSIX_C_SOURCE 199309L
#include "h4core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

#define BLOCK (1u << 20)

/* Filters 1..4 alone, and 5: the chain shuffle:E,delta:1, which runs as one pass. */
static const char *const names[] = {"", "shuffle", "bitshuffle", "delta", "wavelet", "shuffle,delta:1 at"};
#define KINDS 5

static int64_t run(uint32_t kind, uint32_t e, void *dst, const void *src, size_t n, int undo) {
    uint32_t chain[4] = {kind == 5 ? H4_FILTER_SHUFFLE : kind, e, H4_FILTER_DELTA, 1};
    size_t filters = kind == 5 ? 2 : 1;
    return undo ? h4_filter_undo(chain, filters, dst, src, n) : h4_filter_apply(chain, filters, dst, src, n);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s FILE ELEMENT_SIZE [LEVEL=3] [RUNS=20]\n", argv[0]);
        return 2;
    }
    uint32_t e = (uint32_t)atoi(argv[2]);
    int level = argc > 3 ? atoi(argv[3]) : 3;
    int runs = argc > 4 ? atoi(argv[4]) : 20;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(size), *tmp = malloc(BLOCK), *back = malloc(BLOCK);
    uint8_t *packed = malloc(h4_compress_bound(BLOCK));
    if (fread(data, 1, size, f) != size) {
        return 2;
    }
    fclose(f);
    h4_ctx *ctx = h4_ctx_create();
    double *compress = calloc((size_t)runs, sizeof(double));
    double *apply[KINDS + 1], *undo[KINDS + 1];
    for (int k = 1; k <= KINDS; k++) {
        apply[k] = calloc((size_t)runs, sizeof(double));
        undo[k] = calloc((size_t)runs, sizeof(double));
    }
    for (int r = -1; r < runs; r++) { /* round -1 warms up */
        double t = now();
        for (size_t at = 0; at < size; at += BLOCK) {
            size_t n = size - at < BLOCK ? size - at : BLOCK;
            if (h4_compress(ctx, packed, h4_compress_bound(BLOCK), data + at, n, level) <= 0) {
                return 1;
            }
        }
        if (r >= 0) {
            compress[r] = now() - t;
        }
        for (uint32_t k = 1; k <= KINDS; k++) {
            double applied = 0, undone = 0;
            for (size_t at = 0; at < size; at += BLOCK) {
                size_t n = size - at < BLOCK ? size - at : BLOCK;
                t = now();
                int64_t a = run(k, e, tmp, data + at, n, 0);
                applied += now() - t;
                t = now();
                int64_t b = run(k, e, back, tmp, n, 1);
                undone += now() - t;
                if (a == H4_E_BAD_FILTER) {
                    break;
                }
                if (a != (int64_t)n || b != (int64_t)n || memcmp(back, data + at, n) != 0) {
                    fprintf(stderr, "%s:%u does not round-trip\n", names[k], e);
                    return 1;
                }
            }
            if (r >= 0) {
                apply[k][r] = applied;
                undo[k][r] = undone;
            }
        }
    }
    double c = median(compress, runs);
    printf("%s, %zu bytes, elements of %u, h4_compress level %d: %.0f MB/s (median of %d rounds)\n", argv[1], size,
           e, level, (double)size / 1e6 / c, runs);
    printf("| filter | apply MB/s | undo MB/s | apply, %% of compressing |\n|---|---:|---:|---:|\n");
    for (uint32_t k = 1; k <= KINDS; k++) {
        if (run(k, e, tmp, data, 0, 0) == H4_E_BAD_FILTER) {
            continue;
        }
        double a = median(apply[k], runs), u = median(undo[k], runs);
        printf("| %s:%u | %.0f | %.0f | %.1f%% |\n", names[k], e, (double)size / 1e6 / a, (double)size / 1e6 / u,
               100 * a / c);
    }
    h4_ctx_free(ctx);
    return 0;
}
