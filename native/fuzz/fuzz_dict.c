/*
 * libFuzzer: the dictionaries (ABI 5 and 6). An input is [level byte][dictionary length, 2 bytes little-endian]
 * [dictionary][rest]. Any bytes as a dictionary: h4_dict_create accepts them or refuses them with H4_E_CORRUPT, never
 * anything else; h4_dict_create_raw accepts them all, as raw content (dictID 0), and is held to the same checks.
 * h4_frame_info reads every frame header as h4_frame_dict_id and h4_decompressed_size do. The rest as a frame, decoded without a dictionary and with the one made: the declared size or an error, and
 * never a success for a frame that names a dictID other than the one given. The rest as content, round-tripped with
 * the dictionary when it was accepted: exact, its frame naming the dictionary's dictID, refused without it. A frame
 * the decoders refuse before decoding gets the code ABI 7's check, step by step, gave (ABI 8 checks in one pass, and
 * since 2026-12-03 decodes every regular frame first and reads its header after), whatever room the output has.
 */
#include "h4core.h"
#include "zstd_stable.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DECODED (1u << 20)

/* A decoder's answer for any frame: the declared size, written in full, or an error a frame can cause. */
static void check_answer(int64_t r, int64_t declared, size_t cap) {
    if (r >= 0 ? r != declared || (size_t)r > cap
               : r != H4_E_CORRUPT && r != H4_E_CHECKSUM && r != H4_E_DICTIONARY && r != H4_E_SIZE_UNKNOWN
                     && r != H4_E_DST_TOO_SMALL && r != H4_E_SRC_TOO_LARGE) {
        abort();
    }
}

/* A frame that names another dictID than the decoder's dictionary (or than none): refused by its header or for it. */
static int refused_for_its_dictionary(int64_t r) {
    return r == H4_E_DICTIONARY || r == H4_E_CORRUPT || r == H4_E_SIZE_UNKNOWN || r == H4_E_SRC_TOO_LARGE;
}

/*
 * What the decoders' frame check answers before decoding, built from the public calls as ABI 7 made it, each step
 * its own read of the header: the size query, the checksum flag, the frame being all of src (libzstd's walk), the
 * dictID. Since ABI 8's one-pass check the decoders must give exactly this code when it is an error.
 */
static int64_t stepwise_check(const uint8_t *src, size_t size, uint32_t dict_id) {
    int64_t declared = h4_decompressed_size(src, size);
    if (declared < 0) {
        return declared;
    }
    h4_frame_info_t info = {0, 0, 0};
    if (h4_frame_info(src, size, &info) != 0 || (info.flags & H4_FRAME_CHECKSUM) == 0) {
        return H4_E_CORRUPT;
    }
    size_t frame = ZSTD_findFrameCompressedSize(src, size);
    if (ZSTD_isError(frame) || frame != size) {
        return H4_E_CORRUPT;
    }
    return info.dict_id != 0 && info.dict_id != dict_id ? H4_E_DICTIONARY : declared;
}

/* A decoder's answer where the check refuses the frame: that very code. */
static void check_refusal(int64_t r, int64_t check) {
    if (check < 0 && r != check) {
        abort();
    }
}

static void decode_any_frame(h4_ctx *ctx, const h4_dict *dict, const uint8_t *src, size_t size) {
    int64_t named = h4_frame_dict_id(src, size);
    if (named < 0 && named != H4_E_CORRUPT) {
        abort();
    }
    int64_t declared = h4_decompressed_size(src, size);
    /* h4_frame_info (ABI 6) reads the same header: the same dictID, and the size h4_decompressed_size declares. */
    h4_frame_info_t info = {0, 0, 0};
    int64_t header = h4_frame_info(src, size, &info);
    if (header == 0 ? named != (int64_t)info.dict_id || (info.flags & ~(H4_FRAME_CONTENT_SIZE | H4_FRAME_CHECKSUM)) != 0
                          || ((info.flags & H4_FRAME_CONTENT_SIZE) != 0
                                  ? declared >= 0 && (uint64_t)declared != info.content_size
                                  : declared != H4_E_SIZE_UNKNOWN)
                    : header != H4_E_CORRUPT || named != H4_E_CORRUPT) {
        abort();
    }
    size_t cap = declared >= 0 && declared <= MAX_DECODED ? (size_t)declared : 64;
    uint8_t *out = malloc(cap ? cap : 1);
    int64_t plain = h4_decompress(ctx, out, cap, src, size);
    check_answer(plain, declared, cap);
    check_refusal(plain, stepwise_check(src, size, 0));
    if (named > 0 && !refused_for_its_dictionary(plain)) {
        abort();
    }
    if (dict != NULL) {
        int64_t with = h4_decompress_dict(ctx, dict, out, cap, src, size);
        check_answer(with, declared, cap);
        int64_t check = stepwise_check(src, size, h4_dict_id(dict));
        check_refusal(with, check);
        if (named > 0 && named != (int64_t)h4_dict_id(dict) && !refused_for_its_dictionary(with)) {
            abort();
        }
        /* ABI 8: the same frame without the checksum's check: an answer of the declared size or an error */
        int64_t unchecked = h4_decompress_dict_unchecked(ctx, dict, out, cap, src, size);
        check_answer(unchecked, declared, cap);
        check_refusal(unchecked, check);
        if (unchecked == H4_E_CHECKSUM || (with >= 0 && unchecked != with)) {
            abort();
        }
        /* Room to spare changes no answer (the decoders decode a frame into its declared size before walking it,
         * and hold it to ending where src ends), and the bytes are the same. */
        uint8_t *roomy = malloc(cap + 64);
        int64_t spare = h4_decompress_dict_unchecked(ctx, dict, roomy, cap + 64, src, size);
        if (unchecked != H4_E_DST_TOO_SMALL
            && (spare != unchecked || (spare > 0 && memcmp(roomy, out, (size_t)spare) != 0))) {
            abort();
        }
        free(roomy);
    }
    free(out);
}

static void round_trip(h4_ctx *ctx, const h4_dict *dict, const uint8_t *src, size_t size) {
    size_t bound = h4_compress_bound(size);
    uint8_t *c = malloc(bound);
    uint8_t *out = malloc(size ? size : 1);
    int64_t clen = h4_compress_dict(ctx, dict, c, bound, src, size);
    if (clen <= 0 || (size_t)clen > bound || h4_frame_dict_id(c, (size_t)clen) != (int64_t)h4_dict_id(dict)
        || h4_decompressed_size(c, (size_t)clen) != (int64_t)size
        || h4_decompress_dict(ctx, dict, out, size, c, (size_t)clen) != (int64_t)size
        || (size > 0 && memcmp(out, src, size) != 0)) {
        abort();
    }
    if (h4_dict_id(dict) != 0 && h4_decompress(ctx, out, size, c, (size_t)clen) != H4_E_DICTIONARY) {
        abort();
    }
    /* The checked compressor (ABI 7): the same frame, its own decode passing. */
    uint8_t *checked = malloc(bound);
    if (h4_compress_dict_verified(ctx, dict, checked, bound, src, size) != clen
        || memcmp(checked, c, (size_t)clen) != 0) {
        abort();
    }
    free(checked);
    free(c);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 3) {
        return 0;
    }
    int level = (int)(data[0] % 12) - 2; /* -2 .. 9: fast and mid levels */
    size_t dict_size = (size_t)data[1] | (size_t)data[2] << 8;
    data += 3;
    size -= 3;
    if (dict_size > size) {
        dict_size = size;
    }
    const uint8_t *rest = data + dict_size;
    size_t rest_size = size - dict_size;
    int64_t error = 1;
    h4_dict *dict = h4_dict_create(data, dict_size, level, &error);
    if (dict == NULL ? error != H4_E_CORRUPT && error != H4_E_NO_MEMORY : error != 0) {
        abort();
    }
    /* The same bytes as raw content (ABI 6): always accepted, dictID 0, and the same answers' rules. */
    h4_dict *raw = h4_dict_create_raw(data, dict_size, level, &error);
    if (raw == NULL ? error != H4_E_NO_MEMORY : error != 0 || h4_dict_id(raw) != 0) {
        abort();
    }
    h4_ctx *ctx = h4_ctx_create();
    decode_any_frame(ctx, dict, rest, rest_size);
    if (dict != NULL) {
        round_trip(ctx, dict, rest, rest_size);
    }
    if (raw != NULL) {
        decode_any_frame(ctx, raw, rest, rest_size);
        round_trip(ctx, raw, rest, rest_size);
    }
    h4_ctx_free(ctx);
    h4_dict_free(dict);
    h4_dict_free(raw);
    return 0;
}
