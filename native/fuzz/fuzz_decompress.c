/*
 * libFuzzer: any byte string given to h4_decompressed_size, h4_decompress, h4_decompress_unchecked and the stepped
 * decoder (h4_decompress_begin/step, checked and not, in steps of a size taken from the input), with several output
 * capacities. The one-call decoders may differ only in the checksum: when the checked one succeeds, the unchecked
 * one must succeed with the same bytes, and it never reports H4_E_CHECKSUM. The stepped decoder gives the one-call
 * decoder's answer (same_answer), its steps only ever grow, and what a step gave is never changed by a later one.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

/*
 * The stepped decoder's answer against the one-call decoder's: the same bytes when the one-call decoder succeeds,
 * its error when the stepped one fails. The one exception is in the header: libzstd's streaming decoder accepts some
 * degenerate forged frames (an empty compressed block) that its one-call decoder refuses as corrupt.
 */
static int same_answer(int64_t stepped_result, const uint8_t *stepped_out, int64_t one_call, const uint8_t *one_out) {
    if (one_call >= 0) {
        return stepped_result == one_call && memcmp(stepped_out, one_out, (size_t)one_call) == 0;
    }
    return stepped_result < 0 ? stepped_result == one_call : one_call == H4_E_CORRUPT;
}

/* The stepped decoder's whole result: the final step's value, or the error of begin or of a step. */
static int64_t stepped(h4_ctx *ctx, uint8_t *dst, size_t cap, const uint8_t *src, size_t size, int verify,
                       size_t min_output) {
    int64_t declared = h4_decompress_begin(ctx, src, size, verify);
    if (declared < 0) {
        return declared;
    }
    /* What each step said is final, kept as it was then: no later step may change it. */
    uint8_t *final = malloc(cap ? cap : 1);
    int64_t done = 0;
    do {
        int64_t before = done;
        done = h4_decompress_step(ctx, dst, cap, src, size, min_output);
        if (done >= 0 && (done > declared || (size_t)done > cap || (done <= before && declared > 0))) {
            abort();
        }
        if (done > before) {
            memcpy(final + before, dst + before, (size_t)(done - before));
        }
        if (done >= 0 && memcmp(final, dst, (size_t)done) != 0) {
            abort();
        }
    } while (done >= 0 && done < declared);
    free(final);
    return done;
}

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
        size_t min_output = size > 0 ? (size_t)data[size - 1] * 97 + 1 : 1;
        uint8_t *steps = malloc(caps[i] ? caps[i] : 1);
        if (!same_answer(stepped(ctx, steps, caps[i], data, size, 1, min_output), steps, r, out)
            || !same_answer(stepped(ctx, steps, caps[i], data, size, 0, min_output), steps, u, unchecked)) {
            abort();
        }
        free(steps);
        free(out);
        free(unchecked);
    }
    h4_ctx_free(ctx);
    return 0;
}
