/* The streams of h4core.h ("Streams : since ABI 6"): one zstd frame per stream, a flush per message. */
#include "h4internal.h"

#include <stdlib.h>

/* A frame starts with its magic, then the frame header descriptor, whose bit 2 says a checksum ends the frame. */
static const unsigned char frame_start[4] = {0x28, 0xB5, 0x2F, 0xFD};
#define FHD_CHECKSUM_BIT 0x04u
/* zstd's block header size: where a flushed message's bytes end, the decoder waits for exactly this many. */
#define BLOCK_HEADER_SIZE 3
/* Beyond zstd's bound for one frame: a message may straddle two blocks, and the finish adds a block and a checksum. */
#define STREAM_SLACK 32

struct h4_cstream_s {
    ZSTD_CCtx *cctx;
    int finished;
    int64_t failed; /* 0, or the code every call returns once one failed */
};

struct h4_dstream_s {
    ZSTD_DCtx *dctx;
    uint64_t consumed; /* bytes of the stream so far: its first 5 are checked against frame_start and the FHD */
    int ended;
    int64_t failed;
};

static int64_t stream_error(size_t zstd_result, int64_t otherwise) {
    switch (ZSTD_getErrorCode(zstd_result)) {
    case ZSTD_error_memory_allocation: return H4_E_NO_MEMORY;
    case ZSTD_error_dstSize_tooSmall: return H4_E_DST_TOO_SMALL;
    case ZSTD_error_checksum_wrong: return H4_E_CHECKSUM;
    case ZSTD_error_dictionary_wrong: return H4_E_DICTIONARY;
    case ZSTD_error_frameParameter_windowTooLarge: return H4_E_WINDOW_TOO_LARGE;
    default: return otherwise;
    }
}

static int window_log_accepted(int window_log) {
    return window_log >= H4_STREAM_WINDOW_LOG_MIN && window_log <= H4_STREAM_WINDOW_LOG_MAX;
}

static void set_error(int64_t *error, int64_t code) {
    if (error != NULL) {
        *error = code;
    }
}

h4_cstream *h4_cstream_create(int level, const h4_dict *dict, int window_log, int64_t *error) {
    set_error(error, 0);
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
        set_error(error, H4_E_BAD_LEVEL);
        return NULL;
    }
    if (!window_log_accepted(window_log)) {
        set_error(error, H4_E_WINDOW_TOO_LARGE);
        return NULL;
    }
    h4_cstream *stream = calloc(1, sizeof *stream);
    ZSTD_CCtx *cctx = stream != NULL ? ZSTD_createCCtx() : NULL;
    if (cctx == NULL) {
        free(stream);
        set_error(error, H4_E_NO_MEMORY);
        return NULL;
    }
    stream->cctx = cctx;
    /* No content size (unknown while the stream runs), a checksum at the end, the window asked for. A referenced
     * CDict brings its own level, which ZSTD_compressStream2 takes over the context's, and keeps this window. */
    if (ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level))
        || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, window_log))
        || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0))
        || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1))
        || (dict != NULL && ZSTD_isError(ZSTD_CCtx_refCDict(cctx, dict->cdict)))) {
        h4_cstream_free(stream);
        set_error(error, H4_E_GENERIC);
        return NULL;
    }
    return stream;
}

void h4_cstream_free(h4_cstream *stream) {
    if (stream == NULL) {
        return;
    }
    ZSTD_freeCCtx(stream->cctx);
    free(stream);
}

size_t h4_cstream_bound(size_t message_size) {
    size_t bound = ZSTD_compressBound(message_size);
    if (bound == 0 || ZSTD_isError(bound) || bound > SIZE_MAX - STREAM_SLACK) {
        return 0;
    }
    return bound + STREAM_SLACK;
}

/* Runs ZSTD_compressStream2 with `directive` until all of src is in and everything is flushed into dst. */
static int64_t compress_step(h4_cstream *stream, void *dst, size_t dst_capacity, const void *src, size_t src_size,
                             ZSTD_EndDirective directive) {
    static char none;
    ZSTD_outBuffer out = {dst != NULL ? dst : &none, dst_capacity, 0};
    ZSTD_inBuffer in = {src != NULL ? src : &none, src_size, 0};
    for (;;) {
        size_t left = ZSTD_compressStream2(stream->cctx, &out, &in, directive);
        if (ZSTD_isError(left)) {
            return stream->failed = stream_error(left, H4_E_GENERIC);
        }
        if (left == 0) {
            return (int64_t)out.pos;
        }
        if (out.pos == out.size) {
            /* zstd holds bytes it could not write: the stream has lost them */
            return stream->failed = H4_E_DST_TOO_SMALL;
        }
    }
}

int64_t h4_cstream_compress(h4_cstream *stream, void *dst, size_t dst_capacity, const void *src, size_t src_size) {
    if (stream == NULL || (dst == NULL && dst_capacity > 0) || (src == NULL && src_size > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (stream->failed != 0) {
        return stream->failed;
    }
    if (stream->finished) {
        return stream->failed = H4_E_ENDED;
    }
    return compress_step(stream, dst, dst_capacity, src, src_size, ZSTD_e_flush);
}

int64_t h4_cstream_finish(h4_cstream *stream, void *dst, size_t dst_capacity) {
    if (stream == NULL || (dst == NULL && dst_capacity > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (stream->failed != 0) {
        return stream->failed;
    }
    if (stream->finished) {
        return stream->failed = H4_E_ENDED;
    }
    stream->finished = 1;
    return compress_step(stream, dst, dst_capacity, NULL, 0, ZSTD_e_end);
}

int64_t h4_cstream_memory(const h4_cstream *stream) {
    return stream == NULL ? 0 : (int64_t)(sizeof *stream + ZSTD_sizeof_CCtx(stream->cctx));
}

h4_dstream *h4_dstream_create(const h4_dict *dict, int window_log_max, int64_t *error) {
    set_error(error, 0);
    if (!window_log_accepted(window_log_max)) {
        set_error(error, H4_E_WINDOW_TOO_LARGE);
        return NULL;
    }
    h4_dstream *stream = calloc(1, sizeof *stream);
    ZSTD_DCtx *dctx = stream != NULL ? ZSTD_createDCtx() : NULL;
    if (dctx == NULL) {
        free(stream);
        set_error(error, H4_E_NO_MEMORY);
        return NULL;
    }
    stream->dctx = dctx;
    if (ZSTD_isError(ZSTD_DCtx_setParameter(dctx, ZSTD_d_windowLogMax, window_log_max))
        || (dict != NULL && ZSTD_isError(ZSTD_DCtx_refDDict(dctx, dict->ddict)))) {
        h4_dstream_free(stream);
        set_error(error, H4_E_GENERIC);
        return NULL;
    }
    return stream;
}

void h4_dstream_free(h4_dstream *stream) {
    if (stream == NULL) {
        return;
    }
    ZSTD_freeDCtx(stream->dctx);
    free(stream);
}

/* The stream's first bytes, wherever they arrive: a zstd frame's magic (not a skippable frame, which zstd would pass
 * over), then a header that promises a checksum, so that "ended" always means "checked". */
static int starts_checked_frame(h4_dstream *stream, const unsigned char *src, size_t src_size) {
    for (size_t i = 0; i < src_size && stream->consumed + i < 5; i++) {
        uint64_t at = stream->consumed + i;
        if (at < 4 ? src[i] != frame_start[at] : (src[i] & FHD_CHECKSUM_BIT) == 0) {
            return 0;
        }
    }
    return 1;
}

int64_t h4_dstream_decompress(h4_dstream *stream, void *dst, size_t dst_capacity, const void *src, size_t src_size) {
    if (stream == NULL || (dst == NULL && dst_capacity > 0) || (src == NULL && src_size > 0)) {
        return H4_E_NULL_ARGUMENT;
    }
    if (stream->failed != 0) {
        return stream->failed;
    }
    if (src_size == 0) {
        return 0;
    }
    if (stream->ended) {
        return stream->failed = H4_E_ENDED;
    }
    if (!starts_checked_frame(stream, src, src_size)) {
        return stream->failed = H4_E_CORRUPT;
    }
    stream->consumed += src_size;
    /* Once dst is full, one more byte of room shows whether the message goes on beyond it. */
    unsigned char beyond;
    ZSTD_outBuffer out = {dst != NULL ? dst : &beyond, dst_capacity, 0};
    ZSTD_outBuffer probe = {&beyond, 1, 0};
    ZSTD_inBuffer in = {src, src_size, 0};
    for (;;) {
        ZSTD_outBuffer *into = out.pos < out.size ? &out : &probe;
        size_t hint = ZSTD_decompressStream(stream->dctx, into, &in);
        if (ZSTD_isError(hint)) {
            return stream->failed = stream_error(hint, H4_E_CORRUPT);
        }
        if (probe.pos > 0) {
            return stream->failed = H4_E_DST_TOO_SMALL;
        }
        if (hint == 0) {
            /* the frame is over and its checksum matched: nothing may follow */
            stream->ended = 1;
            return in.pos < in.size ? (stream->failed = H4_E_ENDED) : (int64_t)out.pos;
        }
        if (in.pos == in.size && into->pos < into->size) {
            /* All in, all out. A flushed message ends on a block: zstd then asks for the next block's header
             * (its hint: "a suggested next input size"); anything else is a message cut short. */
            return hint == BLOCK_HEADER_SIZE ? (int64_t)out.pos : (stream->failed = H4_E_CORRUPT);
        }
    }
}

int h4_dstream_ended(const h4_dstream *stream) {
    return stream != NULL && stream->ended;
}

int64_t h4_dstream_memory(const h4_dstream *stream) {
    return stream == NULL ? 0 : (int64_t)(sizeof *stream + ZSTD_sizeof_DCtx(stream->dctx));
}
