/* libFuzzer: any byte string given to h4_decompressed_size and h4_decompress, with several output capacities. */
#include "h4core.h"

#include <stdlib.h>

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
        int64_t r = h4_decompress(ctx, out, caps[i], data, size);
        if (r >= 0 && (r != declared || (size_t)r > caps[i])) {
            abort(); /* a success must match the declared size and fit the buffer */
        }
        free(out);
    }
    h4_ctx_free(ctx);
    return 0;
}
