/*
 * What `dcz` costs with a zstd-format dictionary: h4_compress_dict and h4_decompress_dict per message, with the
 * dictionary digested by zstd's rule (h4_dict_create: its tables, `format=zstd`) and as raw content
 * (h4_dict_create_raw: the whole bytes, `format=dcz`), and the ratio of each. `make bench-dcz` runs it twice: on the
 * library (raw content digested once, where libzstd can) and built with H4_STABLE_ONLY (the stable fallback: the
 * bytes referenced as a prefix for every frame).
 *   dcz_cost FILE DICT_SIZE RUNS
 * FILE holds one message a line (JSON lines, say): the first half trains the dictionary, the second is measured.
 * Prints the median over RUNS of the time per message, and each form's ratio (frame bytes only).
 */
#define _POSIX_C_SOURCE 199309L
#include "h4core.h"
#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lines {
    unsigned char *bytes;
    size_t *sizes;
    size_t count;
};

static struct lines read_lines(const char *path) {
    struct lines l = {NULL, NULL, 0};
    FILE *f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
        return l;
    }
    long n = ftell(f);
    rewind(f);
    l.bytes = malloc((size_t)n + 1);
    l.sizes = malloc(((size_t)n + 1) * sizeof *l.sizes);
    if (fread(l.bytes, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        l.count = 0;
        return l;
    }
    fclose(f);
    /* the messages one after the other, without their newlines */
    size_t out = 0, start = 0;
    for (size_t i = 0; i <= (size_t)n; i++) {
        if (i == (size_t)n || l.bytes[i] == '\n') {
            if (i > start) {
                memmove(l.bytes + out, l.bytes + start, i - start);
                l.sizes[l.count++] = i - start;
                out += i - start;
            }
            start = i + 1;
        }
    }
    return l;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: dcz_cost FILE DICT_SIZE RUNS\n");
        return 2;
    }
    struct lines l = read_lines(argv[1]);
    size_t capacity = (size_t)atol(argv[2]);
    int runs = atoi(argv[3]);
    if (l.count < 16 || runs < 1 || runs > 100) {
        fprintf(stderr, "dcz_cost: %s holds %zu messages (16 at least), runs %d (1 to 100)\n", argv[1], l.count, runs);
        return 2;
    }
    size_t trained_count = l.count / 2, trained_bytes = 0;
    for (size_t i = 0; i < trained_count; i++) {
        trained_bytes += l.sizes[i];
    }
    unsigned char *dict = malloc(capacity);
    int64_t dict_size = h4_dict_train(dict, capacity, l.bytes, l.sizes, trained_count);
    if (dict_size < 0) {
        fprintf(stderr, "dcz_cost: training failed: %s\n", h4_error_name(dict_size));
        return 1;
    }
    h4_dict *forms[2] = {h4_dict_create(dict, (size_t)dict_size, 3, NULL),
                         h4_dict_create_raw(dict, (size_t)dict_size, 3, NULL)};
    #if defined(H4_STABLE_ONLY)
    const char *names[2] = {"zstd (tables)", "dcz (raw prefix)"};
#else
    const char *names[2] = {"zstd (tables)", "dcz (raw content)"};
#endif
    h4_ctx *ctx = h4_ctx_create();
    size_t largest = 0;
    for (size_t i = trained_count; i < l.count; i++) {
        largest = l.sizes[i] > largest ? l.sizes[i] : largest;
    }
    size_t bound = h4_compress_bound(largest);
    unsigned char *frame = malloc(bound), *back = malloc(largest ? largest : 1);
    size_t measured = l.count - trained_count;
    printf("%zu messages measured, dictionary of %lld bytes trained on %zu others, level 3, median of %d runs\n",
           measured, (long long)dict_size, trained_count, runs);
    for (int k = 0; k < 2; k++) {
        double *comp = malloc((size_t)runs * sizeof *comp), *dec = malloc((size_t)runs * sizeof *dec);
        size_t in = 0, out = 0;
        for (int r = 0; r < runs; r++) {
            const unsigned char *m = l.bytes + trained_bytes;
            double tc = 0, td = 0;
            in = out = 0;
            for (size_t i = trained_count; i < l.count; m += l.sizes[i], i++) {
                double t0 = now();
                int64_t n = h4_compress_dict(ctx, forms[k], frame, bound, m, l.sizes[i]);
                double t1 = now();
                int64_t d = h4_decompress_dict(ctx, forms[k], back, l.sizes[i], frame, n > 0 ? (size_t)n : 0);
                double t2 = now();
                if (n <= 0 || d != (int64_t)l.sizes[i] || memcmp(back, m, l.sizes[i]) != 0) {
                    fprintf(stderr, "dcz_cost: message %zu did not round-trip\n", i);
                    return 1;
                }
                tc += t1 - t0;
                td += t2 - t1;
                in += l.sizes[i];
                out += (size_t)n;
            }
            comp[r] = tc / (double)measured * 1e6;
            dec[r] = td / (double)measured * 1e6;
        }
        printf("%-17s ratio %.3f  compress %.1f us/message  decompress %.1f us/message\n", names[k],
               (double)in / (double)out, median(comp, runs), median(dec, runs));
        free(comp);
        free(dec);
    }
    h4_ctx_free(ctx);
    h4_dict_free(forms[0]);
    h4_dict_free(forms[1]);
    free(frame);
    free(back);
    free(dict);
    free(l.bytes);
    free(l.sizes);
    return 0;
}
