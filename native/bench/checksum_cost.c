/*
 * What zstd's content checksum costs in decompression: the same file cut into independent blocks and decoded in
 * rounds by four decoders, taking turns so that the machine's noise falls on all of them alike:
 *   zstd, checksum off    ZSTD_decompressDCtx on frames made without the checksum
 *   zstd, checksum on     ZSTD_decompressDCtx on frames made with it (verified)
 *   h4_decompress         the core on its own frames (checksum verified)
 *   h4_decompress_unchecked  the same frames, checksum not verified
 * Prints the median and the best MB/s of each. The core is compiled in (h4core.c), so no library path is needed.
 * Usage: checksum_cost FILE [LEVEL=3] [BLOCK=1048576] [RUNS=30]
 */
#define _POSIX_C_SOURCE 199309L
#include "h4core.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timing.h"

#if defined(__has_include) && __has_include(<zstd.h>)
#  include <zstd.h>
#else
#  include "zstd_stable.h"
#endif

enum { ZSTD_OFF, ZSTD_ON, H4_CHECKED, H4_UNCHECKED, DECODERS };
static const char *const names[DECODERS] = {"zstd, checksum off", "zstd, checksum on", "h4_decompress",
                                            "h4_decompress_unchecked"};

/* Decodes every block once; returns the seconds taken, or a negative value when a block does not decode exactly. */
static double decode_all(int decoder, ZSTD_DCtx *dctx, h4_ctx *ctx, unsigned char **frames, const size_t *lengths,
                         size_t blocks, size_t block, size_t size, unsigned char *out) {
    double t = now();
    for (size_t i = 0; i < blocks; i++) {
        size_t expected = i + 1 < blocks ? block : size - i * block;
        int ok;
        if (decoder == ZSTD_OFF || decoder == ZSTD_ON) {
            size_t n = ZSTD_decompressDCtx(dctx, out, block, frames[i], lengths[i]);
            ok = !ZSTD_isError(n) && n == expected;
        } else {
            int64_t n = decoder == H4_CHECKED ? h4_decompress(ctx, out, block, frames[i], lengths[i])
                                              : h4_decompress_unchecked(ctx, out, block, frames[i], lengths[i]);
            ok = n == (int64_t)expected;
        }
        if (!ok) {
            return -1;
        }
    }
    return now() - t;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [LEVEL] [BLOCK] [RUNS]\n", argv[0]);
        return 2;
    }
    int level = argc > 2 ? atoi(argv[2]) : 3;
    size_t block = argc > 3 ? (size_t)atol(argv[3]) : 1 << 20;
    int runs = argc > 4 ? atoi(argv[4]) : 30;
    if (runs < 1 || block == 0) {
        fprintf(stderr, "RUNS and BLOCK must be positive\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(size);
    if (fread(data, 1, size, f) != size) {
        fprintf(stderr, "short read\n");
        return 1;
    }
    fclose(f);
    size_t blocks = (size + block - 1) / block;
    unsigned char *out = malloc(block);
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    h4_ctx *ctx = h4_ctx_create();

    /* zstd frames without the checksum, and the core's own frames (with it) for the other three decoders */
    unsigned char **frames[2];
    size_t *lengths[2];
    size_t totals[2] = {0, 0};
    for (int checksum = 0; checksum <= 1; checksum++) {
        frames[checksum] = malloc(blocks * sizeof **frames);
        lengths[checksum] = malloc(blocks * sizeof **lengths);
        for (size_t i = 0; i < blocks; i++) {
            size_t n = i + 1 < blocks ? block : size - i * block;
            size_t cap = ZSTD_compressBound(n);
            frames[checksum][i] = malloc(cap);
            if (checksum) {
                int64_t written = h4_compress(ctx, frames[1][i], cap, data + i * block, n, level);
                lengths[1][i] = written > 0 ? (size_t)written : 0;
            } else {
                ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
                ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
                ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0);
                lengths[0][i] = ZSTD_compress2(cctx, frames[0][i], cap, data + i * block, n);
            }
            totals[checksum] += lengths[checksum][i];
        }
    }

    double *seconds = malloc((size_t)DECODERS * (size_t)runs * sizeof *seconds);
    for (int r = 0; r < runs; r++) {
        for (int d = 0; d < DECODERS; d++) {
            int with = d != ZSTD_OFF;
            double e = decode_all(d, dctx, ctx, frames[with], lengths[with], blocks, block, size, out);
            if (e < 0) {
                fprintf(stderr, "%s: a block did not decode\n", names[d]);
                return 1;
            }
            seconds[d * runs + r] = e;
        }
    }
    printf("%s, level %d, %zu blocks of %zu bytes, %d rounds (compressed: %zu bytes without checksum, %zu with)\n",
           argv[1], level, blocks, block, runs, totals[0], totals[1]);
    for (int d = 0; d < DECODERS; d++) {
        double *s = seconds + d * runs;
        double middle = median(s, runs);
        printf("  %-24s median %7.1f MB/s   best %7.1f MB/s\n", names[d], (double)size / middle / 1e6,
               (double)size / s[0] / 1e6);
    }
    for (int checksum = 0; checksum <= 1; checksum++) {
        for (size_t i = 0; i < blocks; i++) {
            free(frames[checksum][i]);
        }
        free(frames[checksum]);
        free(lengths[checksum]);
    }
    free(seconds);
    free(out);
    free(data);
    h4_ctx_free(ctx);
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
    return 0;
}
