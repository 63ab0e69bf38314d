/*
 * libFuzzer: chains of the filters (ABI 4) on any byte string, the chain chosen by the first bytes (undefined
 * filters and too many included): apply then undo must give the input back, undo then apply too (every filter is a
 * bijection), the library's bytes must be those of every kernel table this processor runs (plain C, SSE2, AVX2,
 * AVX-512: h4kernels.h), both ways, and nothing may be read or written outside the buffers (ASan).
 */
#include "h4core.h"
#include "h4kernels.h"

#include <stdlib.h>
#include <string.h>

/* What every kernel table makes of src must be expected (size bytes, which the library made). */
static void same_in_every_table(int undo, const uint32_t *chain, size_t filters, const uint8_t *src, size_t size,
                                const uint8_t *expected) {
    uint8_t *other = malloc(size ? size : 1);
    for (int level = H4_ISA_PLAIN; level < H4_ISA_LEVELS; level++) {
        const struct h4_kernels *kernels = h4_kernels_at(level);
        if (kernels != NULL && (h4_filter_run(kernels, chain, filters, other, src, size, undo) != (int64_t)size
                                || (size > 0 && memcmp(other, expected, size) != 0))) {
            abort();
        }
    }
    free(other);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) {
        return 0;
    }
    /* the first byte: how many filters (0 .. 4, and 5 which is too many); then one byte per filter */
    size_t filters = data[0] % 6;
    if (size < 1 + filters) {
        return 0;
    }
    uint32_t chain[10];
    for (size_t k = 0; k < filters; k++) {
        chain[2 * k] = data[1 + k] % 6;                /* 0 and 5 are not filters */
        chain[2 * k + 1] = (data[1 + k] / 6) % 9;      /* 0 .. 8: the defined sizes and some others */
    }
    data += 1 + filters;
    size -= 1 + filters;
    uint8_t *once = malloc(size ? size : 1);
    uint8_t *back = malloc(size ? size : 1);
    int64_t applied = h4_filter_apply(chain, filters, once, data, size);
    if (applied == H4_E_BAD_FILTER) {
        if (h4_filter_undo(chain, filters, back, data, size) != H4_E_BAD_FILTER) {
            abort();
        }
    } else {
        if (applied != (int64_t)size
            || h4_filter_undo(chain, filters, back, once, size) != (int64_t)size
            || (size > 0 && memcmp(back, data, size) != 0)) {
            abort();
        }
        same_in_every_table(0, chain, filters, data, size, once);
        if (h4_filter_undo(chain, filters, once, data, size) != (int64_t)size
            || h4_filter_apply(chain, filters, back, once, size) != (int64_t)size
            || (size > 0 && memcmp(back, data, size) != 0)) {
            abort();
        }
        same_in_every_table(1, chain, filters, data, size, once);
    }
    free(once);
    free(back);
    return 0;
}
