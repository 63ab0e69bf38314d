/*
 * libFuzzer: any byte string given to h4_decompressed_size, h4_decompress and h4_decompress_unchecked, with several
 * output capacities. The two decoders may differ only in the checksum: when the checked one succeeds, the unchecked
 * one must succeed with the same bytes, and it never reports H4_E_CHECKSUM.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    h4_ctx *ctx = h4_ctx_create();
    if (ctx == NULL) {
        return 0;
    }
    int64_t declared = h4_decompressed_size(data, size);
    /* Trust the declared size only up to a bound, as a careful caller would. */
    size_t cap = declared >= 0 && declared <= (1 << 20) ? (size_t)declared : 4096;
    size_t caps[3] = {cap, cap / 2, cap + 17};
    for (int i = 0; i < 3; i++) {
        uint8_t *out = malloc(caps[i] ? caps[i] : 1);
        uint8_t *unchecked = malloc(caps[i] ? caps[i] : 1);
        int64_t r = h4_decompress(ctx, out, caps[i], data, size);
        int64_t u = h4_decompress_unchecked(ctx, unchecked, caps[i], data, size);
        /* a success must match the declared size and fit the buffer */
        if (r >= 0 && (r != declared || (size_t)r > caps[i])) {
            abort();
        }
        if (u >= 0 && (u != declared || (size_t)u > caps[i])) {
            abort();
        }
        if (u == H4_E_CHECKSUM || (r >= 0 && (u != r || memcmp(out, unchecked, (size_t)r) != 0))) {
            abort();
        }
        free(out);
        free(unchecked);
    }
    h4_ctx_free(ctx);
    return 0;
}
