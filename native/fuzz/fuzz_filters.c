/*
 * libFuzzer: the filters (ABI 4) on any byte string, with the filter and element size chosen by the first byte
 * (undefined pairs included): apply then undo must give the input back, undo then apply too (every filter is a
 * bijection), and nothing may be read or written outside the buffers (ASan).
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) {
        return 0;
    }
    uint32_t filter = data[0] % 6;              /* 0 and 5 are not filters */
    uint32_t element_size = (data[0] / 6) % 9;  /* 0 .. 8: the defined sizes and some others */
    data++;
    size--;
    uint8_t *once = malloc(size ? size : 1);
    uint8_t *back = malloc(size ? size : 1);
    int64_t applied = h4_filter_apply(filter, element_size, once, data, size);
    if (applied == H4_E_BAD_FILTER) {
        if (h4_filter_undo(filter, element_size, back, data, size) != H4_E_BAD_FILTER) {
            abort();
        }
    } else {
        if (applied != (int64_t)size
            || h4_filter_undo(filter, element_size, back, once, size) != (int64_t)size
            || (size > 0 && memcmp(back, data, size) != 0)) {
            abort();
        }
        if (h4_filter_undo(filter, element_size, once, data, size) != (int64_t)size
            || h4_filter_apply(filter, element_size, back, once, size) != (int64_t)size
            || (size > 0 && memcmp(back, data, size) != 0)) {
            abort();
        }
    }
    free(once);
    free(back);
    return 0;
}
