/*
 * The real core with one fault injected, for the Java side's tests: the engine's
 * own checks, its self-test and the container's CRC/SHA must catch each one.
 *   H4_FAULT_GARBAGE  the compressors and decoders succeed but damage one output byte
 *   H4_FAULT_SIZE     the compressors and decoders report a size larger than they wrote
 *   H4_FAULT_ERROR    the compressors and decoders always fail with H4_E_GENERIC
 * (the compressors: h4_compress and h4_compress_dict; the decoders: h4_decompress, _unchecked, _step, _dict and
 * _dict_unchecked).
 * h4_compress_dict_verified compresses with the faulty h4_compress_dict and checks with the real decoder, as a fault
 * in the compressor would meet the core's own check.
 * With H4_FAULT_LATENT the fault strikes only content that starts with "H4FAULT!" (the input of compress, the
 * output of decompress), so the core passes the engine's start-up self-test and fails later, under traffic.
 * Every decoder carries the fault, as a bug in the shared decoding code would; the stepped one in its last step,
 * among the bytes that step decoded (a caller may have used the earlier steps' bytes already).
 */
#define h4_compress h4_compress_real
#define h4_decompress h4_decompress_real
#define h4_decompress_unchecked h4_decompress_unchecked_real
#define h4_decompress_step h4_decompress_step_real
#define h4_compress_dict h4_compress_dict_real
#define h4_decompress_dict h4_decompress_dict_real
#define h4_decompress_dict_unchecked h4_decompress_dict_unchecked_real
#define h4_compress_dict_verified h4_compress_dict_verified_real
#include "h4core.c"
#undef h4_compress
#undef h4_decompress
#undef h4_decompress_unchecked
#undef h4_decompress_step
#undef h4_compress_dict
#undef h4_decompress_dict
#undef h4_decompress_dict_unchecked
#undef h4_compress_dict_verified

#include <string.h>

static int struck(const void *content, size_t n) {
#if defined(H4_FAULT_LATENT)
    return n >= 8 && memcmp(content, "H4FAULT!", 8) == 0;
#else
    (void)content; (void)n;
    return 1;
#endif
}

static int64_t inject(int64_t n, void *dst, size_t cap) {
#if defined(H4_FAULT_GARBAGE)
    if (n > 0) {
        ((unsigned char *)dst)[n / 2] ^= 0x5A;
    }
    (void)cap;
    return n;
#elif defined(H4_FAULT_SIZE)
    (void)dst;
    return n >= 0 ? n + 1 + (int64_t)cap : n;
#elif defined(H4_FAULT_ERROR)
    (void)dst; (void)cap; (void)n;
    return H4_E_GENERIC;
#else
#error "define one H4_FAULT_* mode"
#endif
}

H4_API int64_t h4_compress(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n, int level) {
    int64_t written = h4_compress_real(ctx, dst, cap, src, n, level);
    return struck(src, n) ? inject(written, dst, cap) : written;
}

static int64_t decoded(int64_t written, void *dst, size_t cap) {
    return written >= 0 && struck(dst, (size_t)written) ? inject(written, dst, cap) : written;
}

H4_API int64_t h4_decompress(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n) {
    return decoded(h4_decompress_real(ctx, dst, cap, src, n), dst, cap);
}

H4_API int64_t h4_decompress_unchecked(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n) {
    return decoded(h4_decompress_unchecked_real(ctx, dst, cap, src, n), dst, cap);
}

H4_API int64_t h4_compress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t cap, const void *src, size_t n) {
    int64_t written = h4_compress_dict_real(ctx, dict, dst, cap, src, n);
    return struck(src, n) ? inject(written, dst, cap) : written;
}

H4_API int64_t h4_compress_dict_verified(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t cap, const void *src,
                                         size_t n) {
    return check_round_trip(ctx, dict, dst, cap, h4_compress_dict(ctx, dict, dst, cap, src, n), src, n);
}

H4_API int64_t h4_decompress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t cap, const void *src,
                                  size_t n) {
    return decoded(h4_decompress_dict_real(ctx, dict, dst, cap, src, n), dst, cap);
}

H4_API int64_t h4_decompress_dict_unchecked(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t cap, const void *src,
                                            size_t n) {
    return decoded(h4_decompress_dict_unchecked_real(ctx, dict, dst, cap, src, n), dst, cap);
}

H4_API int64_t h4_decompress_step(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n, size_t min_output) {
    size_t before = ctx != NULL && ctx->stepping ? ctx->step_out : 0;
    int64_t done = h4_decompress_step_real(ctx, dst, cap, src, n, min_output);
    if (done < 0 || ctx->step_hint != 0 || (size_t)done == before || !struck(dst, (size_t)done)) {
        return done;
    }
    /* Only the last step's own bytes: the fault lands in [before, done), so its middle is (before + done) / 2. */
    int64_t injected = inject(done - (int64_t)before, (unsigned char *)dst + before, cap - before);
    return injected < 0 ? injected : injected + (int64_t)before;
}
