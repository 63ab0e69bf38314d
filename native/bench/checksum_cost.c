/*
 * What zstd's content checksum costs: the same file cut into independent blocks, each compressed once with and
 * once without the checksum, then decompressed in a loop; best-of-runs MB/s for each, like zstd -b.
 * Usage: checksum_cost FILE [LEVEL=3] [BLOCK=1048576] [RUNS=30]
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__has_include) && __has_include(<zstd.h>)
#  include <zstd.h>
#else
#  include "zstd_stable.h"
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [LEVEL] [BLOCK] [RUNS]\n", argv[0]);
        return 2;
    }
    int level = argc > 2 ? atoi(argv[2]) : 3;
    size_t block = argc > 3 ? (size_t)atol(argv[3]) : 1 << 20;
    int runs = argc > 4 ? atoi(argv[4]) : 30;
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
    for (int checksum = 0; checksum <= 1; checksum++) {
        unsigned char **frames = malloc(blocks * sizeof *frames);
        size_t *lengths = malloc(blocks * sizeof *lengths);
        size_t total = 0;
        for (size_t i = 0; i < blocks; i++) {
            size_t n = i + 1 < blocks ? block : size - i * block;
            frames[i] = malloc(ZSTD_compressBound(n));
            ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
            ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
            ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum);
            lengths[i] = ZSTD_compress2(cctx, frames[i], ZSTD_compressBound(n), data + i * block, n);
            total += lengths[i];
        }
        double best = 1e30;
        for (int r = 0; r < runs; r++) {
            double t = now();
            for (size_t i = 0; i < blocks; i++) {
                size_t n = ZSTD_decompressDCtx(dctx, out, block, frames[i], lengths[i]);
                if (ZSTD_isError(n)) {
                    fprintf(stderr, "decode failed\n");
                    return 1;
                }
            }
            double e = now() - t;
            if (e < best) {
                best = e;
            }
        }
        printf("level %d, %zu-byte blocks, checksum %s: %zu bytes, decompress %.1f MB/s (best of %d)\n", level,
               block, checksum ? "on " : "off", total, (double)size / best / 1e6, runs);
        for (size_t i = 0; i < blocks; i++) {
            free(frames[i]);
        }
        free(frames);
        free(lengths);
    }
    return 0;
}
