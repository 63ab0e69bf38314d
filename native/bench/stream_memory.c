/*
 * What a stream costs in resident memory (docs/benchmarks.md, "Token streams"): `count` streams at once at a level
 * and window, the process's VmRSS before and after each step, per stream: new (created, no message yet), after one
 * 1 KiB message each (busy: zstd has allocated its context), after 16 MiB each (the window filled), for compressing
 * and for decompressing streams; and h4_cstream_memory()/h4_dstream_memory() beside them; and the time of one 4 KiB
 * message through both sides (compress, then decompress). No garbage collector and
 * no other allocation between the readings: the differences are the streams'. Median over `rounds` runs.
 *   stream_memory COUNT LEVEL WINDOW_LOG ROUNDS
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include "h4core.h"
#include "timing.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MESSAGE 1024
#define CHUNK 4096
#define FILL (16 << 20)

static double resident(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kib = strtod(line + 6, NULL);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return kib * 1024;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s COUNT LEVEL WINDOW_LOG ROUNDS\n", argv[0]);
        return 2;
    }
    int count = atoi(argv[1]), level = atoi(argv[2]), window_log = atoi(argv[3]), rounds = atoi(argv[4]);
    if (count < 1 || rounds < 1 || rounds > 64) {
        return 2;
    }
    /* token-like content: 16-bit ids, skewed */
    uint8_t *data = malloc(FILL);
    uint32_t state = 2026;
    for (size_t i = 0; i + 1 < FILL; i += 2) {
        state = state * 1664525u + 1013904223u;
        uint32_t id = (state >> 8) % 16 == 0 ? (state >> 12) % 32000 : (state >> 12) % 400;
        data[i] = (uint8_t)id;
        data[i + 1] = (uint8_t)(id >> 8);
    }
    size_t bound = h4_cstream_bound(CHUNK);
    uint8_t *out = malloc(bound * 2), *back = malloc(CHUNK);
    h4_cstream **c = calloc((size_t)count, sizeof *c);
    h4_dstream **d = calloc((size_t)count, sizeof *d);
    double steps[7][64];
    int64_t counted[2] = {0, 0};
    for (int r = 0; r < rounds; r++) {
        double before = resident();
        for (int i = 0; i < count; i++) {
            c[i] = h4_cstream_create(level, NULL, window_log, NULL);
            d[i] = h4_dstream_create(NULL, window_log, NULL);
        }
        double created = resident();
        for (int i = 0; i < count; i++) {
            int64_t n = h4_cstream_compress(c[i], out, bound, data, MESSAGE);
            if (n < 0 || h4_dstream_decompress(d[i], back, CHUNK, out, (size_t)n) != MESSAGE) {
                fprintf(stderr, "stream failed\n");
                return 1;
            }
        }
        double busy = resident();
        double start = now();
        for (int i = 0; i < count; i++) {
            for (size_t at = MESSAGE; at + CHUNK <= FILL; at += CHUNK) {
                int64_t n = h4_cstream_compress(c[i], out, bound, data + at, CHUNK);
                if (n < 0 || h4_dstream_decompress(d[i], back, CHUNK, out, (size_t)n) != CHUNK) {
                    fprintf(stderr, "stream failed\n");
                    return 1;
                }
            }
        }
        steps[6][r] = (now() - start) / ((double)count * ((FILL - MESSAGE) / CHUNK)) * 1e6;
        double full = resident();
        counted[0] = h4_cstream_memory(c[0]);
        counted[1] = h4_dstream_memory(d[0]);
        for (int i = 0; i < count; i++) {
            h4_cstream_free(c[i]);
            h4_dstream_free(d[i]);
        }
        /* one side's share: the compressing and decompressing streams each alone, from a second pass below */
        steps[0][r] = (created - before) / count;
        steps[1][r] = (busy - before) / count;
        steps[2][r] = (full - before) / count;
        /* the compressing side alone */
        before = resident();
        for (int i = 0; i < count; i++) {
            c[i] = h4_cstream_create(level, NULL, window_log, NULL);
        }
        created = resident();
        for (int i = 0; i < count; i++) {
            h4_cstream_compress(c[i], out, bound, data, MESSAGE);
        }
        busy = resident();
        for (int i = 0; i < count; i++) {
            for (size_t at = MESSAGE; at + CHUNK <= FILL; at += CHUNK) {
                h4_cstream_compress(c[i], out, bound, data + at, CHUNK);
            }
        }
        full = resident();
        for (int i = 0; i < count; i++) {
            h4_cstream_free(c[i]);
        }
        steps[3][r] = (created - before) / count;
        steps[4][r] = (busy - before) / count;
        steps[5][r] = (full - before) / count;
    }
    printf("| %d | 2^%d | %d | %.0f | %.0f | %.0f | %lld | %.0f | %.0f | %.0f | %lld | %.1f |\n", level, window_log, count,
           median(steps[3], rounds), median(steps[4], rounds), median(steps[5], rounds), (long long)counted[0],
           median(steps[0], rounds) - median(steps[3], rounds), median(steps[1], rounds) - median(steps[4], rounds),
           median(steps[2], rounds) - median(steps[5], rounds), (long long)counted[1], median(steps[6], rounds));
    free(c);
    free(d);
    free(data);
    free(out);
    free(back);
    return 0;
}
