/* libh4core: the h4core.h ABI on top of libzstd's stable API. */
#include "h4core.h"
#include "h4kernels.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libzstd's declarations, and struct h4_dict_s, which h4stream.c shares */
#include "h4internal.h"

/* The encoder's version: containers record it, so it changes with the bytes h4_compress makes, not with the ABI. */
#define H4_VERSION "1.0.0"

/* zstd frame: 4-byte magic, then the frame header descriptor whose bit 2 says a checksum follows. */
#define ZSTD_FRAME_MAGIC 0xFD2FB528u
#define ZSTD_FHD_CHECKSUM_BIT 0x04u

struct h4_ctx_s {
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    /* The frame decoded in steps (h4_decompress_step): positions in the caller's buffers, never pointers. */
    int stepping;
    size_t step_size;  /* its declared content size */
    size_t step_in;    /* bytes of src consumed */
    size_t step_out;   /* bytes of dst decoded */
    size_t step_hint;  /* src bytes the next zstd call needs: one block and the header of the next; 0 at the end */
    int step_verify;   /* whether the content checksum is verified */
    /* The digest the compressor was last set up for by compress_frame (NULL: none, or set up otherwise): a frame
     * with the same one needs no set-up. Its address only; used only when a caller hands the same digest in again. */
    const ZSTD_CDict *armed;
    /* How the one-call decoders last set the decoder up: 0 unknown (a stepped frame may have used it since), 1 the
     * checksum verified, 2 ignored. The same mode again needs no reset: a one-call decode leaves no session behind. */
    int one_call_mode;
    /* Where h4_compress_dict_verified decodes what it made: kept up to H4_CHECK_KEEP bytes, never zeroed. */
    unsigned char *check;
    size_t check_capacity;
};

/* The most working memory a context keeps for checks: a pooled context holds it for as long as it lives. */
#define H4_CHECK_KEEP ((size_t)1 << 20)

/*
 * Written once by the loader, before any caller can reach h4_info(), and only
 * read afterwards: the codec version must come from the library loaded at run
 * time, not from the header the core was built with. Asking for the filters'
 * kernels here also makes the loader choose them.
 */
static char info_json[160];

__attribute__((constructor)) static void h4_init_info(void) {
    snprintf(info_json, sizeof info_json,
             "{\"id\":\"h4-core\",\"version\":\"%s\",\"abi\":%d,\"codec\":\"zstd\",\"codecVersion\":\"%s\","
             "\"kernels\":\"%s\"}",
             H4_VERSION, H4_ABI_VERSION, ZSTD_versionString(), h4_kernels_in_use()->name);
}

uint32_t h4_abi_version(void) { return H4_ABI_VERSION; }

const char *h4_info(void) { return info_json; }

int h4_min_level(void) { return ZSTD_minCLevel(); }

int h4_max_level(void) { return ZSTD_maxCLevel(); }

size_t h4_compress_bound(size_t src_size) {
    if (src_size > (size_t)INT64_MAX / 2) {
        return 0;
    }
    size_t bound = ZSTD_compressBound(src_size);
    return ZSTD_isError(bound) ? 0 : bound;
}

h4_ctx *h4_ctx_create(void) {
    h4_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) {
        return NULL;
    }
    ctx->cctx = ZSTD_createCCtx();
    ctx->dctx = ZSTD_createDCtx();
    if (ctx->cctx == NULL || ctx->dctx == NULL) {
        h4_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

void h4_ctx_free(h4_ctx *ctx) {
    if (ctx == NULL) {
        return;
    }
    ZSTD_freeCCtx(ctx->cctx);
    ZSTD_freeDCtx(ctx->dctx);
    free(ctx->check);
    free(ctx);
}

static int64_t map_zstd_error(size_t result, int64_t otherwise) {
    switch (ZSTD_getErrorCode(result)) {
    case ZSTD_error_dstSize_tooSmall: return H4_E_DST_TOO_SMALL;
    case ZSTD_error_memory_allocation: return H4_E_NO_MEMORY;
    case ZSTD_error_checksum_wrong: return H4_E_CHECKSUM;
    default: return otherwise;
    }
}

/* Both compressors: one frame with its content size and checksum; with cdict, its level and dictID (ZSTD_compress2
 * takes the level of a referenced CDict over the context's). */
static int64_t compress_frame(h4_ctx *ctx, const ZSTD_CDict *cdict, const h4_dict *prefix, int level, void *dst,
                              size_t dst_capacity, const void *src, size_t src_size) {
    if (ctx == NULL || dst == NULL || (src == NULL && src_size > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (cdict == NULL && (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel())) {
        return H4_E_BAD_LEVEL;
    }
    if (h4_compress_bound(src_size) == 0) {
        return H4_E_SRC_TOO_LARGE;
    }
    static const char empty = 0;
    size_t written;
    if (cdict != NULL && cdict == ctx->armed) {
        /* Set up for this digest by the last frame, with nothing in between: ZSTD_compress2 starts a new session
         * itself, and takes the level from the digest, so the frame is the one the set-up below makes. */
        written = ZSTD_compress2(ctx->cctx, dst, dst_capacity, src_size ? src : &empty, src_size);
    } else {
        ctx->armed = NULL;
        /* Every frame states its content size and carries a content checksum, so
         * a damaged frame is an error rather than a wrong answer. */
        if (ZSTD_isError(ZSTD_CCtx_reset(ctx->cctx, ZSTD_reset_session_and_parameters))
            || (cdict == NULL && ZSTD_isError(ZSTD_CCtx_setParameter(ctx->cctx, ZSTD_c_compressionLevel, level)))
            || ZSTD_isError(ZSTD_CCtx_setParameter(ctx->cctx, ZSTD_c_contentSizeFlag, 1))
            || ZSTD_isError(ZSTD_CCtx_setParameter(ctx->cctx, ZSTD_c_checksumFlag, 1))
            || (cdict != NULL && ZSTD_isError(ZSTD_CCtx_refCDict(ctx->cctx, cdict)))
            || (prefix != NULL
                && ZSTD_isError(ZSTD_CCtx_refPrefix(ctx->cctx, prefix->prefix, prefix->prefix_size)))) {
            (void)ZSTD_CCtx_reset(ctx->cctx, ZSTD_reset_session_and_parameters);
            return H4_E_GENERIC;
        }
        written = ZSTD_compress2(ctx->cctx, dst, dst_capacity, src_size ? src : &empty, src_size);
        /* A referenced digest stays referenced, so that the next frame with it skips the set-up: libzstd reads a
         * referenced CDict only while it compresses with it (ZSTD_CCtx_reset, ZSTD_CCtx_refCDict, ZSTD_freeCCtx
         * drop the reference without reading it), and the core compresses with it only when the caller hands this
         * very digest in again, which must then be live. So the caller may free it after the call, as before. */
        ctx->armed = cdict;
    }
    if (prefix != NULL || ZSTD_isError(written)) {
        /* A prefix serves one frame, and a context must not keep pointing at bytes its caller may free next. */
        (void)ZSTD_CCtx_reset(ctx->cctx, ZSTD_reset_session_and_parameters);
        ctx->armed = NULL;
    }
    if (ZSTD_isError(written)) {
        return map_zstd_error(written, H4_E_GENERIC);
    }
    return (int64_t)written;
}

int64_t h4_compress(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size, int level) {
    return compress_frame(ctx, NULL, NULL, level, dst, dst_capacity, src, src_size);
}

int64_t h4_decompressed_size(const void *src, size_t src_size) {
    if (src == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    unsigned long long size = ZSTD_getFrameContentSize(src, src_size);
    if (size == ZSTD_CONTENTSIZE_ERROR) {
        return H4_E_CORRUPT;
    }
    if (size == ZSTD_CONTENTSIZE_UNKNOWN) {
        return H4_E_SIZE_UNKNOWN;
    }
    if (size > (unsigned long long)INT64_MAX) {
        return H4_E_SRC_TOO_LARGE;
    }
    return (int64_t)size;
}

/* Whether src starts with the little-endian 32-bit magic. */
static int starts_with_magic(const unsigned char *src, size_t src_size, uint32_t magic) {
    return src_size >= 4
           && ((uint32_t)src[0] | (uint32_t)src[1] << 8 | (uint32_t)src[2] << 16 | (uint32_t)src[3] << 24) == magic;
}

/* A regular zstd frame's magic number (not a skippable frame's). */
static int starts_a_frame(const unsigned char *src, size_t src_size) {
    return starts_with_magic(src, src_size, ZSTD_FRAME_MAGIC);
}

/* Only what h4_compress makes is accepted: one regular frame that carries a checksum. */
static int is_checksummed_frame(const unsigned char *src, size_t src_size) {
    return src_size >= 5 && starts_a_frame(src, src_size) && (src[4] & ZSTD_FHD_CHECKSUM_BIT) != 0;
}

/*
 * zstd's ZSTD_d_forceIgnoreChecksum, an experimental decompression parameter
 * (zstd.h: ZSTD_d_experimentalParam3 = 1002; ZSTD_d_validateChecksum = 0,
 * ZSTD_d_ignoreChecksum = 1). Named here by value because the core includes
 * only the stable API and must build without zstd.h. Safe to rely on: it
 * goes through the stable ZSTD_DCtx_setParameter(), libzstd.so.1 has given
 * 1002 this meaning since the parameter was added (facebook/zstd #2278, 2020),
 * a libzstd that does not know it fails the call instead of guessing (the
 * core then returns H4_E_GENERIC), and h4core_test checks on the build
 * machine that it skips the checksum and that resetting it restores the check.
 */
#define H4_ZSTD_D_FORCE_IGNORE_CHECKSUM ((ZSTD_dParameter)1002)

/*
 * zstd's ZSTD_d_stableOutBuffer (zstd.h: ZSTD_d_experimentalParam2 = 1001, since v1.4.6): streaming decodes
 * straight into the caller's buffer instead of through a window of its own, which saves a copy of every byte.
 * Only an optimisation: a libzstd that refuses it decodes the same bytes through its window.
 */
#define H4_ZSTD_D_STABLE_OUT_BUFFER ((ZSTD_dParameter)1001)

/*
 * Every decoder accepts exactly what h4_compress (or h4_compress_dict) makes; returns the declared content size or an
 * H4_E_* code. dict_id: the dictionary the caller gives (0: none, or raw content); a frame that names another cannot
 * decode.
 */
static int64_t check_frame_stepwise(const void *src, size_t src_size, uint32_t dict_id) {
    int64_t declared = h4_decompressed_size(src, src_size);
    if (declared < 0) {
        return declared;
    }
    if (!is_checksummed_frame(src, src_size)) {
        return H4_E_CORRUPT;
    }
    size_t frame_size = ZSTD_findFrameCompressedSize(src, src_size);
    if (ZSTD_isError(frame_size) || frame_size != src_size) {
        return H4_E_CORRUPT;
    }
    unsigned named = ZSTD_getDictID_fromFrame(src, src_size);
    if (named != 0 && named != dict_id) {
        return H4_E_DICTIONARY;
    }
    return declared;
}

/* What a regular frame's header says, read at the places RFC 8878 section 3.1.1.1 fixes, without libzstd's checks. */
struct header_fields {
    uint32_t named;      /* the dictID, 0 for none */
    unsigned size_bytes; /* of the content size field: 0 when the frame declares no size */
    uint64_t size;       /* the content size declared */
    int checksum;        /* whether a content checksum ends the frame */
    size_t header_size;  /* where the first block starts */
};

/* The little-endian field of n bytes (0, 1, 2, 4 or 8) at p: one load each, where a loop over the bytes cost a
 * 256-byte message about 8 ns. */
static uint64_t le_field(const unsigned char *p, unsigned n) {
    switch (n) {
    case 1: return p[0];
    case 2: return (uint64_t)p[0] | (uint64_t)p[1] << 8;
    case 4: return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
    case 8:
        return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24
               | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
    default: return 0;
    }
}

/* Reads the header of the regular frame p starts with (its magic checked by the caller); 0 when src_size cannot hold
 * all of it. */
static int read_header_fields(const unsigned char *p, size_t src_size, struct header_fields *h) {
    if (src_size < 5) {
        return 0;
    }
    /* Frame header descriptor: content-size field code (bits 7-6), single segment (5), checksum (2), dictID field
     * code (1-0); then the window descriptor unless single segment, the dictID, the content size. */
    unsigned fhd = p[4];
    unsigned fcs_code = fhd >> 6;
    int single_segment = (fhd >> 5) & 1;
    static const unsigned char dict_id_bytes[4] = {0, 1, 2, 4};
    static const unsigned char size_bytes[4] = {0, 2, 4, 8};
    size_t at = 5 + (single_segment ? 0 : 1);
    h->size_bytes = fcs_code == 0 && single_segment ? 1 : size_bytes[fcs_code];
    if (src_size < at + dict_id_bytes[fhd & 3] + h->size_bytes) {
        return 0;
    }
    h->named = (uint32_t)le_field(p + at, dict_id_bytes[fhd & 3]);
    at += dict_id_bytes[fhd & 3];
    h->size = le_field(p + at, h->size_bytes) + (fcs_code == 1 ? 256 : 0);
    h->checksum = (fhd & ZSTD_FHD_CHECKSUM_BIT) != 0;
    h->header_size = at + h->size_bytes;
    return 1;
}

/*
 * check_frame_stepwise's answer with one read of the header and one walk of the blocks, for the frames that pass:
 * libzstd's ZSTD_findFrameCompressedSize reads the header with all its checks (whole, reserved bit clear, window
 * within bounds) and walks the blocks, and the fields are then read from the header it accepted, at the places RFC
 * 8878 section 3.1.1.1 fixes. A frame it refuses, or that is not all of src, or that declares a size libzstd reads
 * as one of its two markers or above INT64_MAX, gets check_frame_stepwise's answer, so every frame gets the same
 * code as before, in the same order of checks (fuzz_dict compares them).
 */
static int64_t check_frame(const void *src, size_t src_size, uint32_t dict_id) {
    if (src == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    const unsigned char *p = src;
    if (!starts_a_frame(p, src_size)) {
        return check_frame_stepwise(src, src_size, dict_id);
    }
    size_t frame_size = ZSTD_findFrameCompressedSize(src, src_size);
    struct header_fields h;
    if (ZSTD_isError(frame_size) || frame_size != src_size || !read_header_fields(p, src_size, &h)) {
        return check_frame_stepwise(src, src_size, dict_id);
    }
    if (h.size_bytes == 0) {
        return H4_E_SIZE_UNKNOWN;
    }
    if (h.size > (uint64_t)INT64_MAX) {
        return check_frame_stepwise(src, src_size, dict_id);
    }
    if (!h.checksum) {
        return H4_E_CORRUPT;
    }
    if (h.named != 0 && h.named != dict_id) {
        return H4_E_DICTIONARY;
    }
    return (int64_t)h.size;
}

/* A decoder's zstd error as an H4_E_* code: dst holds the declared size, so running out of room is a lying frame. */
static int64_t decode_error(size_t zstd_result) {
    int64_t code = map_zstd_error(zstd_result, H4_E_CORRUPT);
    return code == H4_E_DST_TOO_SMALL ? H4_E_CORRUPT : code;
}

/*
 * Whether the frame whose blocks start at `at` ends exactly at src_size: RFC 8878's block headers (3 bytes: last-block
 * bit, type, size; an RLE block holds 1 byte whatever its size says), then the 4-byte checksum. The walk
 * ZSTD_findFrameCompressedSize makes after reading the header, for a frame libzstd has just decoded.
 */
static int ends_at(const unsigned char *p, size_t at, size_t src_size) {
    for (;;) {
        if (src_size - at < 3) {
            return 0;
        }
        uint32_t block = (uint32_t)p[at] | (uint32_t)p[at + 1] << 8 | (uint32_t)p[at + 2] << 16;
        unsigned type = (block >> 1) & 3;
        size_t content = type == 1 ? 1 : block >> 3;
        if (type == 3 || src_size - at - 3 < content) {
            return 0;
        }
        at += 3 + content;
        if (block & 1) {
            return src_size - at == 4;
        }
    }
}

/*
 * Whether the frame libzstd has just decoded from src into `written` bytes is one check_frame accepts: its header
 * (which libzstd read with all its checks to decode it) asks for a checksum, declares exactly `written` bytes and
 * names no dictionary or dict_id's, and the frame ends where src ends (libzstd also decodes or skips what follows a
 * frame: a skippable frame, an empty frame). Read after the decode, so that a frame that passes pays no read before.
 */
static int decoded_as_accepted(const unsigned char *p, size_t src_size, uint32_t dict_id, size_t written) {
    struct header_fields h;
    return read_header_fields(p, src_size, &h) && h.checksum && h.size_bytes != 0 && h.size == written
           && written <= (size_t)INT64_MAX && (h.named == 0 || h.named == dict_id)
           && ends_at(p, h.header_size, src_size);
}

/* The decoder set up for the checksum mode asked: reset and set only when the mode changes (see h4_ctx_s). */
static int64_t set_checksum_mode(h4_ctx *ctx, int verify_checksum) {
    /* A pooled context serves every decoder in any order, and a frame decoded in steps may have stopped halfway,
     * where zstd refuses new parameters (h4_decompress_begin clears the mode). */
    int mode = verify_checksum ? 1 : 2;
    if (ctx->one_call_mode != mode) {
        ctx->one_call_mode = 0;
        if (ZSTD_isError(ZSTD_DCtx_reset(ctx->dctx, ZSTD_reset_session_only))
            || ZSTD_isError(ZSTD_DCtx_setParameter(ctx->dctx, H4_ZSTD_D_FORCE_IGNORE_CHECKSUM, mode == 1 ? 0 : 1))) {
            return H4_E_GENERIC;
        }
        ctx->one_call_mode = mode;
    }
    return 0;
}

/* libzstd's one-call decode of src with dict (or none) into *written (bytes, or a zstd error); H4_E_GENERIC when
 * libzstd refuses raw content as a prefix, else 0. */
static int64_t zstd_decode(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                           size_t src_size, size_t *written) {
    static char sink;
    if (dict != NULL && dict->prefix != NULL) {
        /* Raw content as a prefix for this one frame (ZSTD_decompressDCtx uses it up); cleared after, so that a
         * pooled context never keeps it, even when the frame stopped before zstd reached it. */
        if (ZSTD_isError(ZSTD_DCtx_refPrefix(ctx->dctx, dict->prefix, dict->prefix_size))) {
            return H4_E_GENERIC;
        }
        *written = ZSTD_decompressDCtx(ctx->dctx, dst ? dst : &sink, dst_capacity, src, src_size);
        (void)ZSTD_DCtx_refPrefix(ctx->dctx, NULL, 0);
    } else {
        /* The dictionary is given per call, never loaded into the context: a pooled context holds none. */
        *written = ZSTD_decompress_usingDDict(ctx->dctx, dst ? dst : &sink, dst_capacity, src, src_size,
                                              dict != NULL ? dict->ddict : NULL);
    }
    return 0;
}

/* A regular frame decoded first, then held to decoded_as_accepted: its size, or -1 for anything else. */
static int64_t decode_as_accepted(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                                  size_t src_size, int verify_checksum) {
    size_t written = 0;
    if (starts_a_frame(src, src_size) && set_checksum_mode(ctx, verify_checksum) == 0
        && zstd_decode(ctx, dict, dst, dst_capacity, src, src_size, &written) == 0 && !ZSTD_isError(written)
        && decoded_as_accepted(src, src_size, dict != NULL ? dict->id : 0, written)) {
        return (int64_t)written;
    }
    return -1;
}

/* check_frame, then the decode: every input gets its code from here. */
static int64_t decode_checked(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                              size_t src_size, int verify_checksum) {
    size_t written = 0;
    int64_t declared = check_frame(src, src_size, dict != NULL ? dict->id : 0);
    if (declared < 0) {
        return declared;
    }
    if ((uint64_t)declared > dst_capacity) {
        return H4_E_DST_TOO_SMALL;
    }
    int64_t failed = set_checksum_mode(ctx, verify_checksum);
    if (failed == 0) {
        failed = zstd_decode(ctx, dict, dst, dst_capacity, src, src_size, &written);
    }
    if (failed < 0) {
        return failed;
    }
    if (ZSTD_isError(written)) {
        return decode_error(written);
    }
    if (written != (size_t)declared) {
        return H4_E_CORRUPT;
    }
    return (int64_t)written;
}

/*
 * The one-call decoders: one frame as h4_compress (or with dict, h4_compress_dict) makes it; verify_checksum says
 * whether libzstd checks its XXH64.
 *
 * A regular frame is decoded first, straight into dst, and then held to what check_frame accepts
 * (decoded_as_accepted): when it holds, check_frame would have accepted the frame and the decode given these bytes,
 * so that is the answer, without libzstd's second read of the header and walk of the blocks before decoding, nor a
 * read of ours before it (docs/benchmarks.md, "Small messages and dictionaries", says what that saves). Any other input,
 * and any failure, takes check_frame then the decode, as before: every input gets the same code.
 */
static int64_t decompress_frame(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                                size_t src_size, int verify_checksum) {
    if (ctx == NULL || src == NULL || (dst == NULL && dst_capacity > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    ctx->stepping = 0; /* a one-call decode ends any frame begun in steps */
    int64_t decoded = decode_as_accepted(ctx, dict, dst, dst_capacity, src, src_size, verify_checksum);
    return decoded >= 0 ? decoded : decode_checked(ctx, dict, dst, dst_capacity, src, src_size, verify_checksum);
}

int64_t h4_decompress(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size) {
    return decompress_frame(ctx, NULL, dst, dst_capacity, src, src_size, 1);
}

int64_t h4_decompress_unchecked(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size) {
    return decompress_frame(ctx, NULL, dst, dst_capacity, src, src_size, 0);
}

int64_t h4_decompress_begin(h4_ctx *ctx, const void *src, size_t src_size, int verify_checksum) {
    if (ctx == NULL || src == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    ctx->stepping = 0;
    int64_t declared = check_frame(src, src_size, 0);
    if (declared < 0) {
        return declared;
    }
    ctx->one_call_mode = 0; /* the decoder is about to be reset and streamed */
    /* The one-call decoder takes any window; so does this one (the largest zstd defines, 2^31 on 64-bit). */
    int window_log_max = sizeof(size_t) == 4 ? 30 : 31;
    if (ZSTD_isError(ZSTD_DCtx_reset(ctx->dctx, ZSTD_reset_session_and_parameters))
        || ZSTD_isError(ZSTD_DCtx_setParameter(ctx->dctx, ZSTD_d_windowLogMax, window_log_max))
        || ZSTD_isError(ZSTD_DCtx_setParameter(ctx->dctx, H4_ZSTD_D_FORCE_IGNORE_CHECKSUM, verify_checksum ? 0 : 1))) {
        return H4_E_GENERIC;
    }
    (void)ZSTD_DCtx_setParameter(ctx->dctx, H4_ZSTD_D_STABLE_OUT_BUFFER, 1);
    ctx->stepping = 1;
    ctx->step_size = (size_t)declared;
    ctx->step_in = 0;
    ctx->step_out = 0;
    ctx->step_hint = 5; /* the frame header's fixed prefix; zstd then asks for the rest */
    ctx->step_verify = verify_checksum ? 1 : 0;
    return declared;
}

/* Ends the stepped frame with an error. */
static int64_t step_failed(h4_ctx *ctx, int64_t code) {
    ctx->stepping = 0;
    return code;
}

/*
 * libzstd's streaming decoder refuses some forged frames that its one-call decoder accepts (an empty RLE block, for
 * one), and may name another error. A stepped frame must have exactly the one-call result, so where streaming
 * fails the frame is decoded again in one call, which gives the answer: the same bytes, or its error.
 */
static int64_t step_failed_over(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size) {
    size_t size = ctx->step_size;
    int64_t result = decompress_frame(ctx, NULL, dst, dst_capacity, src, src_size, ctx->step_verify);
    /* Another src than the frame begun (a caller's mistake) must not answer for that other frame. */
    if (result == H4_E_SIZE_UNKNOWN || result == H4_E_SRC_TOO_LARGE || (result >= 0 && (size_t)result != size)) {
        return step_failed(ctx, H4_E_CORRUPT);
    }
    if (result < 0) {
        return step_failed(ctx, result);
    }
    ctx->stepping = 1;
    ctx->step_size = size;
    ctx->step_in = src_size;
    ctx->step_out = (size_t)result;
    ctx->step_hint = 0;
    return result;
}

int64_t h4_decompress_step(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size,
                           size_t min_output) {
    if (ctx == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    if (src == NULL || (dst == NULL && dst_capacity > 0)) {
        return step_failed(ctx, H4_E_NULL_ARGUMENT);
    }
    if (!ctx->stepping) {
        return H4_E_NOT_BEGUN;
    }
    if (ctx->step_hint == 0) {
        return (int64_t)ctx->step_out; /* the frame has ended and was checked */
    }
    if (ctx->step_size > dst_capacity) {
        return step_failed(ctx, H4_E_DST_TOO_SMALL);
    }
    if (ctx->step_in > src_size) {
        return step_failed(ctx, H4_E_CORRUPT); /* another src than the frame begun */
    }
    static char sink;
    /* The output is always the whole declared size: zstd's stable-output mode asks for the same buffer each call. */
    ZSTD_outBuffer out = {dst != NULL ? dst : &sink, ctx->step_size, ctx->step_out};
    ZSTD_inBuffer in = {src, ctx->step_in, ctx->step_in};
    size_t at_least = min_output > 0 ? min_output : 1; /* a step always decodes something */
    size_t target = ctx->step_size - out.pos > at_least ? out.pos + at_least : ctx->step_size;
    for (;;) {
        /* Only the bytes zstd asks for: given more, it would decode on past the step. */
        in.size = src_size - in.pos > ctx->step_hint ? in.pos + ctx->step_hint : src_size;
        size_t in_before = in.pos;
        size_t out_before = out.pos;
        size_t hint = ZSTD_decompressStream(ctx->dctx, &out, &in);
        if (ZSTD_isError(hint)) {
            return step_failed_over(ctx, dst, dst_capacity, src, src_size);
        }
        ctx->step_hint = hint;
        if (hint == 0) { /* the frame is complete, its checksum checked when asked */
            if (out.pos != ctx->step_size || in.pos != src_size) {
                return step_failed_over(ctx, dst, dst_capacity, src, src_size);
            }
            break;
        }
        if (in.pos == in_before && out.pos == out_before) {
            return step_failed_over(ctx, dst, dst_capacity, src, src_size); /* no progress: the frame ends early */
        }
        if (out.pos >= target && out.pos < ctx->step_size) {
            break; /* once all is decoded, go on to the frame's end: the size is returned only for a checked frame */
        }
    }
    ctx->step_in = in.pos;
    ctx->step_out = out.pos;
    return (int64_t)out.pos;
}

/*
 * Dictionaries : since ABI 5.
 */

/* ZDICT's samples limit (FASTCOVER_MAX_SAMPLES_SIZE in zstd's lib/dictBuilder/fastcover.c): below 4 GiB on 64-bit. */
#define H4_TRAIN_MAX_TOTAL (sizeof(size_t) == 8 ? (size_t)UINT32_MAX : (size_t)1 << 30)

/*
 * The order in which `zstd --train` hands its sample files to the builder (since ABI 6). zstd's programs/dibio.c
 * (DiB_shuffle, v1.3 to v1.5.x) shuffles the list of files: for i from the last index down to 1, it swaps entry i with
 * entry (r % (i + 1)), r drawn from a 32-bit generator seeded with 0xFD2FB528 whose step multiplies by 2654435761,
 * xors 2246822519, rotates left by 13 and yields the state shifted right by 5. The same draws give the same order.
 */
static uint32_t cli_draw(uint32_t *state) {
    uint32_t x = *state * 2654435761u ^ 2246822519u;
    x = x << 13 | x >> 19;
    *state = x;
    return x >> 5;
}

/* The samples copied in that order: both fields NULL when out of memory. */
struct cli_order {
    char *samples;
    size_t *sizes;
};

static int in_cli_order(struct cli_order *order, const void *samples, const size_t *sample_sizes, size_t count,
                        size_t total) {
    size_t *offsets = malloc(count * sizeof *offsets);
    size_t *picks = malloc(count * sizeof *picks);
    order->sizes = malloc(count * sizeof *order->sizes);
    order->samples = malloc(total > 0 ? total : 1);
    if (offsets == NULL || picks == NULL || order->sizes == NULL || order->samples == NULL) {
        free(offsets);
        free(picks);
        free(order->sizes);
        free(order->samples);
        order->sizes = NULL;
        order->samples = NULL;
        return 0;
    }
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        offsets[i] = at;
        at += sample_sizes[i];
        picks[i] = i;
    }
    uint32_t state = 0xFD2FB528u;
    for (size_t i = count - 1; i > 0; i--) {
        size_t j = cli_draw(&state) % (uint32_t)(i + 1); /* i < UINT_MAX: the caller checked the count */
        size_t kept = picks[j];
        picks[j] = picks[i];
        picks[i] = kept;
    }
    at = 0;
    for (size_t i = 0; i < count; i++) {
        size_t size = sample_sizes[picks[i]];
        if (size > 0) {
            memcpy(order->samples + at, (const char *)samples + offsets[picks[i]], size);
        }
        order->sizes[i] = size;
        at += size;
    }
    free(offsets);
    free(picks);
    return 1;
}

int64_t h4_dict_train(void *dst, size_t dst_capacity, const void *samples, const size_t *sample_sizes,
                      size_t sample_count) {
    if (dst == NULL || (sample_sizes == NULL && sample_count > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (sample_count > UINT_MAX) {
        return H4_E_SRC_TOO_LARGE;
    }
    size_t total = 0;
    for (size_t i = 0; i < sample_count; i++) {
        if (sample_sizes[i] >= H4_TRAIN_MAX_TOTAL - total) {
            return H4_E_SRC_TOO_LARGE;
        }
        total += sample_sizes[i];
    }
    if (samples == NULL && total > 0) {
        return H4_E_NULL_ARGUMENT;
    }
    static const size_t no_sizes = 0;
    static const char no_samples = 0;
    struct cli_order order = {NULL, NULL};
    if (sample_count > 1 && !in_cli_order(&order, samples, sample_sizes, sample_count, total)) {
        return H4_E_NO_MEMORY;
    }
    /* zstd's default builder: fastCover with fixed parameters on one thread (h4core.h says which, and why). */
    size_t size = ZDICT_trainFromBuffer(dst, dst_capacity,
                                        order.samples != NULL ? order.samples
                                                              : (samples != NULL ? samples : &no_samples),
                                        order.sizes != NULL ? order.sizes
                                                            : (sample_sizes != NULL ? sample_sizes : &no_sizes),
                                        (unsigned)sample_count);
    free(order.samples);
    free(order.sizes);
    if (!ZDICT_isError(size)) {
        return (int64_t)size;
    }
    switch (ZSTD_getErrorCode(size)) {
    case ZSTD_error_dstSize_tooSmall: return H4_E_DST_TOO_SMALL;
    case ZSTD_error_memory_allocation: return H4_E_NO_MEMORY;
    /* srcSize_wrong (too few or too small samples), dictionaryCreation_failed, or GENERIC: no parameter tried made a
     * dictionary from these samples (the builder reports a lack of memory within a try the same way). */
    default: return H4_E_TRAINING;
    }
}

/*
 * ZSTD_createCDict and ZSTD_createDDict return NULL both for a damaged zstd-format dictionary and for a lack of
 * memory. The one-shot calls with an undigested dictionary say which, on an empty frame: they name the error.
 */
static int64_t why_not_digested(const void *dict, size_t dict_size, int level) {
    /* An empty frame, with no checksum: magic, header descriptor (single segment, 1-byte size 0), last raw block. */
    static const unsigned char empty_frame[] = {0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00};
    static const char nothing = 0;
    int64_t code = H4_E_NO_MEMORY;
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    if (cctx != NULL && dctx != NULL) {
        unsigned char frame[64];
        size_t compressed = ZSTD_compress_usingDict(cctx, frame, sizeof frame, &nothing, 0, dict, dict_size, level);
        size_t decoded = ZSTD_decompress_usingDict(dctx, frame, sizeof frame, empty_frame, sizeof empty_frame, dict,
                                                   dict_size);
        int refused = ZSTD_isError(compressed) || ZSTD_isError(decoded);
        int out_of_memory = ZSTD_getErrorCode(compressed) == ZSTD_error_memory_allocation
                            || ZSTD_getErrorCode(decoded) == ZSTD_error_memory_allocation;
        code = refused && !out_of_memory ? H4_E_CORRUPT : H4_E_NO_MEMORY;
    }
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
    return code;
}

/* zstd's dictionary magic (RFC 8878 section 5), little-endian at the start of a zstd-format dictionary. */
#define ZSTD_DICT_MAGIC 0xEC30A437u

/*
 * Two calls of libzstd's experimental API (zstd.h, under ZSTD_STATIC_LINKING_ONLY), declared here as zstd 1.4.0 to
 * 1.5.x define them, because the core includes only the stable API: they digest bytes that start with the dictionary
 * magic as raw content, once (h4_dict_create_raw). Weak, so that a libzstd without them still loads the core (the
 * stable fallback then serves), and called only on those versions (raw_content_cdict): the experimental API may
 * change in any other. The struct mirrors ZSTD_compressionParameters, the enums' values are zstd.h's.
 */
typedef struct {
    unsigned window_log, chain_log, hash_log, search_log, min_match, target_length;
    int strategy;
} h4_zstd_cparams;
typedef struct {
    void *(*alloc)(void *opaque, size_t size);
    void (*free)(void *opaque, void *address);
    void *opaque;
} h4_zstd_custom_mem;
#define H4_ZSTD_DLM_BY_COPY 0     /* ZSTD_dlm_byCopy */
#define H4_ZSTD_DCT_RAW_CONTENT 1 /* ZSTD_dct_rawContent */
#define H4_ZSTD_EXPERIMENTAL_FROM 10400
#define H4_ZSTD_EXPERIMENTAL_BEFORE 10600
/* The source size ZSTD_createCDict assumes when it digests a dictionary (zstd's CDICT_SIZE_FOR_UNKNOWN_SRC): the
 * same table sizes, tuned for small messages. */
#define H4_ZSTD_CDICT_SOURCE_HINT 513
extern ZSTD_CDict *ZSTD_createCDict_advanced(const void *dict, size_t dict_size, int load_method, int content_type,
                                             h4_zstd_cparams cparams, h4_zstd_custom_mem mem) __attribute__((weak));
extern h4_zstd_cparams ZSTD_getCParams(int level, unsigned long long source_size, size_t dict_size)
    __attribute__((weak));

/* The bytes digested once as raw content at level, or NULL where the loaded libzstd cannot (or has no memory). */
static ZSTD_CDict *raw_content_cdict(const void *dict, size_t dict_size, int level) {
#if defined(H4_STABLE_ONLY)
    /* Built for the stable fallback alone (make check tests it this way too). */
    (void)dict, (void)dict_size, (void)level;
    return NULL;
#endif
    unsigned version = ZSTD_versionNumber();
    if (ZSTD_createCDict_advanced == NULL || ZSTD_getCParams == NULL || version < H4_ZSTD_EXPERIMENTAL_FROM
        || version >= H4_ZSTD_EXPERIMENTAL_BEFORE) {
        return NULL;
    }
    const h4_zstd_custom_mem libzstd_malloc = {NULL, NULL, NULL};
    return ZSTD_createCDict_advanced(dict, dict_size, H4_ZSTD_DLM_BY_COPY, H4_ZSTD_DCT_RAW_CONTENT,
                                     ZSTD_getCParams(level, H4_ZSTD_CDICT_SOURCE_HINT, dict_size), libzstd_malloc);
}

/* The checks both creators share; a zeroed h4_dict, or NULL with *result set. */
static h4_dict *new_dict(const void *dict, int level, int64_t *result) {
    if (dict == NULL) {
        *result = H4_E_NULL_ARGUMENT;
        return NULL;
    }
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
        *result = H4_E_BAD_LEVEL;
        return NULL;
    }
    h4_dict *made = calloc(1, sizeof *made);
    if (made == NULL) {
        *result = H4_E_NO_MEMORY;
    }
    return made;
}

h4_dict *h4_dict_create(const void *dict, size_t dict_size, int level, int64_t *error) {
    int64_t ignored;
    int64_t *result = error != NULL ? error : &ignored;
    h4_dict *digested = new_dict(dict, level, result);
    if (digested == NULL) {
        return NULL;
    }
    /* Both digest the bytes as zstd does for a dictionary of unknown type: zstd format when they start with its
     * magic (and then its tables must load), raw content otherwise. */
    digested->cdict = ZSTD_createCDict(dict, dict_size, level);
    digested->ddict = digested->cdict != NULL ? ZSTD_createDDict(dict, dict_size) : NULL;
    if (digested->ddict == NULL) {
        h4_dict_free(digested);
        *result = why_not_digested(dict, dict_size, level);
        return NULL;
    }
    digested->id = ZSTD_getDictID_fromDict(dict, dict_size);
    *result = 0;
    return digested;
}

h4_dict *h4_dict_create_raw(const void *dict, size_t dict_size, int level, int64_t *error) {
    int64_t ignored;
    int64_t *result = error != NULL ? error : &ignored;
    if (dict == NULL || !starts_with_magic(dict, dict_size, ZSTD_DICT_MAGIC)) {
        /* zstd reads these bytes as raw content already: the same digests, and so the same frames. */
        return h4_dict_create(dict, dict_size, level, error);
    }
    h4_dict *raw = new_dict(dict, level, result);
    if (raw == NULL) {
        return NULL;
    }
    /* The stable API digests bytes with the magic only as a zstd-format dictionary; ZSTD_CCtx_refPrefix and
     * ZSTD_DCtx_refPrefix (stable) read any bytes as raw content, once per frame. The level is checked above; a
     * referenced prefix takes the context's level, which compress_frame sets. Compression uses the digest when
     * there is one (no indexing per frame); decoding and the streams reference the prefix, which costs no pass. */
    raw->cdict = raw_content_cdict(dict, dict_size, level);
    raw->prefix = malloc(dict_size);
    if (raw->prefix == NULL) {
        h4_dict_free(raw);
        *result = H4_E_NO_MEMORY;
        return NULL;
    }
    memcpy(raw->prefix, dict, dict_size);
    raw->prefix_size = dict_size;
    raw->level = level;
    *result = 0;
    return raw;
}

void h4_dict_free(h4_dict *dict) {
    if (dict == NULL) {
        return;
    }
    ZSTD_freeCDict(dict->cdict);
    ZSTD_freeDDict(dict->ddict);
    free(dict->prefix);
    free(dict);
}

uint32_t h4_dict_id(const h4_dict *dict) { return dict != NULL ? dict->id : 0; }

int64_t h4_compress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                         size_t src_size) {
    if (dict == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    return dict->cdict != NULL ? compress_frame(ctx, dict->cdict, NULL, 0, dst, dst_capacity, src, src_size)
                               : compress_frame(ctx, NULL, dict, dict->level, dst, dst_capacity, src, src_size);
}

/* The working memory for decoding size bytes: the context's, grown up to H4_CHECK_KEEP, else the call's own. */
static unsigned char *check_memory(h4_ctx *ctx, size_t size) {
    if (size > H4_CHECK_KEEP) {
        return malloc(size);
    }
    if (ctx->check_capacity < size) {
        free(ctx->check);
        ctx->check_capacity = 0;
        ctx->check = malloc(size);
        if (ctx->check == NULL) {
            return NULL;
        }
        ctx->check_capacity = size;
    }
    return ctx->check;
}

/* written (a compressor's result) if the frame it left in dst decodes with dict to exactly src, else why not. */
static int64_t check_round_trip(h4_ctx *ctx, const h4_dict *dict, const void *dst, size_t dst_capacity,
                                int64_t written, const void *src, size_t src_size) {
    if (written < 0) {
        return written;
    }
    if ((uint64_t)written > dst_capacity) {
        return H4_E_ROUNDTRIP; /* a size it cannot have written */
    }
    static unsigned char empty;
    unsigned char *decoded = src_size > 0 ? check_memory(ctx, src_size) : &empty;
    if (decoded == NULL) {
        return H4_E_NO_MEMORY;
    }
    /* The checksum is skipped: the comparison below is stronger. */
    int64_t size = decompress_frame(ctx, dict, decoded, src_size, dst, (size_t)written, 0);
    int64_t result = size == H4_E_NO_MEMORY ? H4_E_NO_MEMORY
                     : size == (int64_t)src_size && (src_size == 0 || memcmp(decoded, src, src_size) == 0)
                         ? written
                         : H4_E_ROUNDTRIP;
    if (decoded != ctx->check && decoded != &empty) {
        free(decoded);
    }
    return result;
}

int64_t h4_compress_dict_verified(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                                  size_t src_size) {
    int64_t written = h4_compress_dict(ctx, dict, dst, dst_capacity, src, src_size);
    return check_round_trip(ctx, dict, dst, dst_capacity, written, src, src_size);
}

int64_t h4_decompress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity, const void *src,
                           size_t src_size) {
    if (dict == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    return decompress_frame(ctx, dict, dst, dst_capacity, src, src_size, 1);
}

int64_t h4_decompress_dict_unchecked(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity,
                                     const void *src, size_t src_size) {
    if (dict == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    return decompress_frame(ctx, dict, dst, dst_capacity, src, src_size, 0);
}

int64_t h4_frame_dict_id(const void *src, size_t src_size) {
    if (src == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    /* A whole, valid zstd frame header (not a skippable frame), whose dictID field is then read. */
    if (!starts_a_frame(src, src_size) || ZSTD_getFrameContentSize(src, src_size) == ZSTD_CONTENTSIZE_ERROR) {
        return H4_E_CORRUPT;
    }
    return (int64_t)ZSTD_getDictID_fromFrame(src, src_size);
}

int64_t h4_frame_info(const void *src, size_t src_size, h4_frame_info_t *info) {
    if (src == NULL || info == NULL) {
        return H4_E_NULL_ARGUMENT;
    }
    /* As h4_frame_dict_id: a whole, valid header, read with the stable calls; the checksum flag is the descriptor's. */
    unsigned long long size = starts_a_frame(src, src_size) ? ZSTD_getFrameContentSize(src, src_size)
                                                             : ZSTD_CONTENTSIZE_ERROR;
    if (size == ZSTD_CONTENTSIZE_ERROR) {
        return H4_E_CORRUPT;
    }
    int declared = size != ZSTD_CONTENTSIZE_UNKNOWN;
    info->content_size = declared ? (uint64_t)size : 0;
    info->dict_id = ZSTD_getDictID_fromFrame(src, src_size);
    info->flags = (declared ? H4_FRAME_CONTENT_SIZE : 0u)
                  | ((((const unsigned char *)src)[4] & ZSTD_FHD_CHECKSUM_BIT) != 0 ? H4_FRAME_CHECKSUM : 0u);
    return 0;
}

const char *h4_error_name(int64_t code) {
    if (code >= 0) {
        return "H4_OK";
    }
    switch (code) {
    case H4_E_GENERIC: return "H4_E_GENERIC";
    case H4_E_NULL_ARGUMENT: return "H4_E_NULL_ARGUMENT";
    case H4_E_DST_TOO_SMALL: return "H4_E_DST_TOO_SMALL";
    case H4_E_SRC_TOO_LARGE: return "H4_E_SRC_TOO_LARGE";
    case H4_E_BAD_LEVEL: return "H4_E_BAD_LEVEL";
    case H4_E_CORRUPT: return "H4_E_CORRUPT";
    case H4_E_CHECKSUM: return "H4_E_CHECKSUM";
    case H4_E_NO_MEMORY: return "H4_E_NO_MEMORY";
    case H4_E_SIZE_UNKNOWN: return "H4_E_SIZE_UNKNOWN";
    case H4_E_NOT_BEGUN: return "H4_E_NOT_BEGUN";
    case H4_E_BAD_FILTER: return "H4_E_BAD_FILTER";
    case H4_E_DICTIONARY: return "H4_E_DICTIONARY";
    case H4_E_TRAINING: return "H4_E_TRAINING";
    case H4_E_WINDOW_TOO_LARGE: return "H4_E_WINDOW_TOO_LARGE";
    case H4_E_ENDED: return "H4_E_ENDED";
    case H4_E_ROUNDTRIP: return "H4_E_ROUNDTRIP";
    default: return "H4_E_UNKNOWN";
    }
}
