/*
 * libFuzzer: compress then decompress (every decoder: one call checked and not, in steps) any byte string at a level
 * chosen by the first byte; must be exact.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) {
        return 0;
    }
    int level = (int)(data[0] % 12) - 2; /* -2 .. 9: fast and mid levels */
    data++;
    size--;
    h4_ctx *ctx = h4_ctx_create();
    size_t bound = h4_compress_bound(size);
    uint8_t *c = malloc(bound);
    uint8_t *out = malloc(size ? size : 1);
    int64_t clen = h4_compress(ctx, c, bound, data, size, level);
    if (clen <= 0 || (size_t)clen > bound) {
        abort();
    }
    /* One byte short of the bound must fail cleanly or fit. */
    uint8_t *tight = malloc((size_t)clen);
    int64_t again = h4_compress(ctx, tight, (size_t)clen - 1, data, size, level);
    if (again >= 0 && again > clen - 1) {
        abort();
    }
    if (h4_decompressed_size(c, (size_t)clen) != (int64_t)size
        || h4_decompress(ctx, out, size, c, (size_t)clen) != (int64_t)size
        || (size > 0 && memcmp(out, data, size) != 0)) {
        abort();
    }
    memset(out, 0, size);
    if (h4_decompress_unchecked(ctx, out, size, c, (size_t)clen) != (int64_t)size
        || (size > 0 && memcmp(out, data, size) != 0)) {
        abort();
    }
    memset(out, 0, size);
    int64_t done = h4_decompress_begin(ctx, c, (size_t)clen, 1);
    if (done != (int64_t)size) {
        abort();
    }
    do {
        done = h4_decompress_step(ctx, out, size, c, (size_t)clen, 4096);
    } while (done >= 0 && done < (int64_t)size);
    if (done != (int64_t)size || (size > 0 && memcmp(out, data, size) != 0)) {
        abort();
    }
    free(tight);
    free(c);
    free(out);
    h4_ctx_free(ctx);
    return 0;
}
