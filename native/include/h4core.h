/*
 * h4core.h -- the C ABI of libh4core, the native engine of harmony4 ("h4-core").
 *
 * ABI version 8. Every function below keeps its name, signature and meaning for
 * as long as H4_ABI_VERSION is 8; a change to any of them is a new ABI version.
 * Callers check h4_abi_version() at load time and refuse a library whose
 * version they were not built for.
 *
 * Changes
 *  - 8: h4_decompress_dict_unchecked() added (h4_decompress_dict() without
 *       libzstd's checksum check, for a caller that checks the content
 *       itself, so that it is checked once). Every function of ABI 7 keeps
 *       its name, signature and meaning; the byte format is unchanged.
 *  - 7: h4_compress_dict_verified() (a compression checked by decoding it
 *       again, in one call) and the error code H4_E_ROUNDTRIP added;
 *       h4_dict_create_raw() digests bytes that start with zstd's dictionary
 *       magic once, as raw content, where the libzstd loaded has the call
 *       for it (see there), so that its frames no longer index the whole
 *       dictionary each; they are still frames that name no dictID and
 *       decode with the bytes as a raw prefix, but their bytes may differ
 *       from ABI 6's for the same input. Every other function of ABI 6 keeps
 *       its name, signature and meaning; the byte format is unchanged.
 *  - 6: h4_dict_create_raw() (any bytes as raw content, as RFC 9842's dcz
 *       applies a dictionary) and h4_frame_info() (what a frame header
 *       declares, with h4_frame_info_t and the H4_FRAME_* flags) added;
 *       streams added (h4_cstream_* and h4_dstream_*: one zstd frame per
 *       stream, a flush per message; see "Streams"), with the error codes
 *       H4_E_WINDOW_TOO_LARGE and H4_E_ENDED; h4_dict_train() orders the
 *       samples as `zstd --train` does before it trains, so that the same samples give
 *       zstd's dictionary byte for byte (its bytes, and so its id, differ
 *       from ABI 5's for the same samples). Every other function of ABI 5
 *       keeps its name, signature and meaning; the byte format of frames is
 *       unchanged.
 *  - 5: dictionaries: h4_dict_train(), h4_dict_create(), h4_dict_free(),
 *       h4_dict_id(), h4_compress_dict(), h4_decompress_dict(),
 *       h4_frame_dict_id(), and the error codes H4_E_DICTIONARY and
 *       H4_E_TRAINING added. Every function of ABI 4 keeps its name and
 *       signature, and the byte format is unchanged; one error code changed:
 *       a frame that names a dictionary (which h4_compress never makes) is
 *       H4_E_DICTIONARY for h4_decompress(), h4_decompress_unchecked() and
 *       h4_decompress_begin(), where ABI 4 said H4_E_CORRUPT.
 *  - 4: h4_filter_apply() and h4_filter_undo(), chains of the filters of
 *       docs/filters.md, the H4_FILTER_* ids, H4_MAX_FILTERS and the error
 *       code H4_E_BAD_FILTER added. Every
 *       function of ABI 3 keeps its name, signature and meaning; the byte
 *       format is unchanged.
 *  - 3: h4_decompress_begin() and h4_decompress_step(), decoding one frame in
 *       steps, and the error code H4_E_NOT_BEGUN added. Every function of
 *       ABI 2 keeps its name, signature and meaning; the byte format is
 *       unchanged.
 *  - 2: h4_decompress_unchecked() added. Every function of ABI 1 keeps its
 *       name, signature and meaning, and the byte format is unchanged.
 *  - 1: the first ABI.
 *
 * Conventions
 *  - Every function is reentrant and may be called from any number of threads
 *    at once. The library holds no global mutable state; all working memory
 *    lives in an h4_ctx, which one thread at a time uses.
 *  - Sizes are size_t. Results that may fail are int64_t: a value >= 0 is the
 *    result, a negative value is one of the H4_E_* codes below.
 *  - No function reads outside [src, src + src_size) or writes outside
 *    [dst, dst + dst_capacity), whatever the bytes in src; this is fuzzed.
 *  - Output is deterministic: the same input and level give the same bytes on
 *    every run, thread and machine with the same codec library version.
 *  - No function prints, aborts, or keeps a pointer it was given.
 */
#ifndef H4CORE_H
#define H4CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#  define H4_API __attribute__((visibility("default")))
#else
#  define H4_API
#endif

/* The ABI this header describes. */
#define H4_ABI_VERSION 8

/* Error codes: always negative. h4_error_name() gives their names. */
#define H4_E_GENERIC          (-1)  /* an unexpected failure inside the codec */
#define H4_E_NULL_ARGUMENT    (-2)  /* a NULL pointer where data or a context was required */
#define H4_E_DST_TOO_SMALL    (-3)  /* dst_capacity cannot hold the result */
#define H4_E_SRC_TOO_LARGE    (-4)  /* src_size is beyond what the format can describe */
#define H4_E_BAD_LEVEL        (-5)  /* level outside [h4_min_level(), h4_max_level()] */
#define H4_E_CORRUPT          (-6)  /* src is not one complete, valid frame */
#define H4_E_CHECKSUM         (-7)  /* the frame decoded, but its content checksum does not match */
#define H4_E_NO_MEMORY        (-8)  /* the codec could not allocate its working memory */
#define H4_E_SIZE_UNKNOWN     (-9)  /* the frame does not declare its content size */
#define H4_E_NOT_BEGUN        (-10) /* h4_decompress_step() with no frame begun on the context (since ABI 3) */
#define H4_E_BAD_FILTER       (-11) /* a filter id, or an element size for it, that is not defined (since ABI 4) */
#define H4_E_DICTIONARY       (-12) /* the frame needs a dictionary other than the one given, or none was given (since ABI 5) */
#define H4_E_TRAINING         (-13) /* the samples cannot make a dictionary: too few, too small, or too alike (since ABI 5) */
#define H4_E_ROUNDTRIP        (-16) /* a frame just made does not decode to its input: a codec fault (since ABI 7) */

/* Opaque working memory for one thread at a time. */
typedef struct h4_ctx_s h4_ctx;

/* Returns H4_ABI_VERSION of the library actually loaded. Never fails. */
H4_API uint32_t h4_abi_version(void);

/*
 * Returns public metadata as a static, NUL-terminated JSON object, e.g.
 *   {"id":"h4-core","version":"1.0.0","abi":7,"codec":"zstd","codecVersion":"1.5.4","kernels":"avx512"}
 * codecVersion is the version of the codec library loaded at run time.
 * kernels names the instruction set of the filters' vector loops, which the
 * library chose when it was loaded: "plain" (plain C), "sse2", "avx2" or
 * "avx512"; every set gives the same bytes. Callers must accept fields they
 * do not know: a field added here is not a new ABI version (kernels was
 * added within ABI 4). The string holds no path, key or environment value.
 * The pointer stays valid while the library is loaded; the caller must not
 * free it.
 */
H4_API const char *h4_info(void);

/* Lowest and highest accepted compression levels (the codec's own range). */
H4_API int h4_min_level(void);
H4_API int h4_max_level(void);

/*
 * Largest size h4_compress() can produce for src_size bytes of input, in the
 * worst case. A dst buffer of this capacity never gets H4_E_DST_TOO_SMALL.
 * Returns 0 when src_size is too large to compress in one call.
 */
H4_API size_t h4_compress_bound(size_t src_size);

/*
 * Allocates a context. Returns NULL when memory is exhausted.
 * Free it with h4_ctx_free(). A context may be reused for any number of calls,
 * by one thread at a time.
 */
H4_API h4_ctx *h4_ctx_create(void);

/* Frees a context from h4_ctx_create(). NULL is accepted and ignored. */
H4_API void h4_ctx_free(h4_ctx *ctx);

/*
 * Compresses src_size bytes of src into dst as one frame at the given level.
 * The frame records the content size and a checksum of the content.
 * src may be NULL only when src_size is 0.
 * Returns the number of bytes written to dst (> 0), or a negative H4_E_* code:
 * H4_E_NULL_ARGUMENT, H4_E_BAD_LEVEL, H4_E_SRC_TOO_LARGE, H4_E_DST_TOO_SMALL,
 * H4_E_NO_MEMORY or H4_E_GENERIC. On error the contents of dst are undefined.
 */
H4_API int64_t h4_compress(h4_ctx *ctx, void *dst, size_t dst_capacity,
                           const void *src, size_t src_size, int level);

/*
 * Reads the content size declared by the frame in src, without decoding it.
 * The value comes from untrusted input: check it against your own limits
 * before allocating it. Returns the size (>= 0), or H4_E_NULL_ARGUMENT,
 * H4_E_CORRUPT (not a frame header, or a truncated one), H4_E_SIZE_UNKNOWN or
 * H4_E_SRC_TOO_LARGE (a size above INT64_MAX).
 */
H4_API int64_t h4_decompressed_size(const void *src, size_t src_size);

/*
 * Decompresses the frame in src into dst. src must hold exactly one complete
 * frame and nothing after it. Returns the number of bytes written, which
 * always equals the frame's declared content size, or a negative H4_E_* code:
 * H4_E_NULL_ARGUMENT, H4_E_CORRUPT, H4_E_CHECKSUM, H4_E_SIZE_UNKNOWN,
 * H4_E_DST_TOO_SMALL, H4_E_NO_MEMORY or H4_E_GENERIC. On error the contents
 * of dst are undefined.
 */
H4_API int64_t h4_decompress(h4_ctx *ctx, void *dst, size_t dst_capacity,
                             const void *src, size_t src_size);

/*
 * h4_decompress_unchecked() : since ABI 2.
 * Same as h4_decompress(), except that the frame's content checksum is not
 * verified: the checksum bytes must be present (the frame must still be one
 * that h4_compress makes), but their value is ignored and the content is not
 * hashed, so H4_E_CHECKSUM is never returned. Everything else is the same:
 * exactly one complete frame that declares its content size, the same limits
 * on dst, the same errors, and the result always equals the declared size.
 * Note : a damaged frame can then decode without error to other bytes than
 *        were compressed. Use it only when the caller verifies the decoded
 *        bytes itself, by a digest at least as strong as the checksum.
 * Returns the number of bytes written, or a negative H4_E_* code:
 * H4_E_NULL_ARGUMENT, H4_E_CORRUPT, H4_E_SIZE_UNKNOWN, H4_E_DST_TOO_SMALL,
 * H4_E_NO_MEMORY or H4_E_GENERIC. On error the contents of dst are undefined.
 * A context may be used for both functions in any order: each call chooses
 * for itself whether the checksum is verified.
 */
H4_API int64_t h4_decompress_unchecked(h4_ctx *ctx, void *dst, size_t dst_capacity,
                                       const void *src, size_t src_size);

/*
 * Decoding one frame in steps : since ABI 3.
 * The same frames, checks and results as h4_decompress() and
 * h4_decompress_unchecked(), over several calls, so that a caller can use the
 * start of the content (hash it on another thread, say) while the rest is
 * still being decoded:
 *
 *   int64_t size = h4_decompress_begin(ctx, src, src_size, 1), done = size;
 *   if (size >= 0) do {
 *       done = h4_decompress_step(ctx, dst, dst_capacity, src, src_size, 128 * 1024);
 *       ... when done >= 0, dst[0, done) holds its final bytes ...
 *   } while (done >= 0 && done < size);  -- at least one step, even for size 0
 *   ... done == size: decoded and checked; done < 0: an error, the frame is over ...
 *
 * h4_decompress_begin() checks everything h4_decompress() checks before it
 * decodes (exactly one complete frame as h4_compress makes it, which declares
 * its content size) and starts the frame on ctx. With verify_checksum != 0 the
 * frame's content checksum is verified at its end, as by h4_decompress();
 * with 0 it is ignored, as by h4_decompress_unchecked(), and the same note
 * applies. Returns the declared content size, or H4_E_NULL_ARGUMENT,
 * H4_E_CORRUPT, H4_E_SIZE_UNKNOWN, H4_E_SRC_TOO_LARGE, H4_E_NO_MEMORY or
 * H4_E_GENERIC; on error no frame is begun.
 *
 * h4_decompress_step() decodes at least min_output more bytes into dst (a
 * zstd block at least, whatever min_output), or up to the end of the frame,
 * and returns how many bytes from the start of dst hold their final content.
 * It returns the declared size only when the whole frame has decoded and,
 * when verified, its checksum matched; a step after that returns it again.
 * Every step of one frame must get the same dst, dst_capacity, src and
 * src_size (the library may decode straight into dst and refer back to it),
 * and dst_capacity must hold the declared size. Errors: H4_E_NULL_ARGUMENT,
 * H4_E_NOT_BEGUN (no frame begun on ctx, or the frame ended by an error),
 * H4_E_DST_TOO_SMALL, H4_E_CORRUPT, H4_E_CHECKSUM, H4_E_NO_MEMORY or
 * H4_E_GENERIC. An error ends the frame; so does any other decompression
 * call on ctx, or h4_decompress_begin() of another frame.
 * Note : other buffers in a later step than in the first are an error
 *        (H4_E_CORRUPT) or a wrong answer, never a read or write outside the
 *        buffers given, nor a size other than the declared one.
 * Note : the stepped decoder gives the one-call decoder's answer: the same
 *        bytes when h4_decompress() (or _unchecked) succeeds, its error when
 *        it fails, with one exception: a forged frame with a degenerate
 *        block (an empty compressed block, say), which h4_compress never
 *        makes, may decode in steps although the one-call decoder refuses it
 *        as H4_E_CORRUPT, because libzstd's streaming decoder accepts it.
 */
H4_API int64_t h4_decompress_begin(h4_ctx *ctx, const void *src, size_t src_size, int verify_checksum);

H4_API int64_t h4_decompress_step(h4_ctx *ctx, void *dst, size_t dst_capacity, const void *src, size_t src_size,
                                  size_t min_output);

/*
 * Filters : since ABI 4.
 * The reversible transforms of harmony4's docs/filters.md, which a container
 * applies to a block before compressing it and undoes after decompressing it,
 * by the ids a container records. Each gives exactly the bytes that document
 * defines (and harmony4's Java reference computes): same length, lossless,
 * deterministic, and the bytes after the last whole element (after the last
 * whole group of 8 elements for the bit shuffle) copied as they are.
 *   H4_FILTER_SHUFFLE     byte shuffle,          element size 2, 4 or 8
 *   H4_FILTER_BITSHUFFLE  bit shuffle,           element size 2, 4 or 8
 *   H4_FILTER_DELTA       delta modulo 2^(8E),   element size 1, 2, 4 or 8
 *   H4_FILTER_WAVELET     5/3 integer wavelet,   element size 2 or 4
 *
 * A chain is up to H4_MAX_FILTERS filters, given as chain[2k] = the id and
 * chain[2k + 1] = the element size of filter k. h4_filter_apply() writes
 * src[0, size) through filters 0, 1, ... into dst[0, size); h4_filter_undo()
 * undoes them, last first, restoring what h4_filter_apply() was given. A
 * chain of 0 filters copies. Where a chain allows, several filters run in one
 * pass (a byte shuffle followed by delta with element size 1, say), with the
 * same bytes as one after the other. They need no context and may run on any
 * thread. dst and src must not overlap (the behaviour is then undefined).
 * Any bytes are accepted: every input has an image, and undo(apply(x)) == x.
 * Returns size, or H4_E_NULL_ARGUMENT (a NULL chain with filters, or a NULL
 * buffer with size > 0), H4_E_BAD_FILTER (more than H4_MAX_FILTERS, or an id
 * or element size not listed above: then nothing is written),
 * H4_E_SRC_TOO_LARGE, or H4_E_NO_MEMORY: a chain of more than one pass
 * allocates size bytes, and the wavelet 0.75 (E = 4) or 1.5 (E = 2) times size.
 * On error dst is undefined.
 */
#define H4_FILTER_SHUFFLE    1
#define H4_FILTER_BITSHUFFLE 2
#define H4_FILTER_DELTA      3
#define H4_FILTER_WAVELET    4
#define H4_MAX_FILTERS       4

H4_API int64_t h4_filter_apply(const uint32_t *chain, size_t filters, void *dst, const void *src, size_t size);

H4_API int64_t h4_filter_undo(const uint32_t *chain, size_t filters, void *dst, const void *src, size_t size);

/*
 * Dictionaries : since ABI 5.
 * Small messages compress far better with a dictionary that both sides hold:
 * zstd's (RFC 8878 section 5), or any bytes as raw content. A frame made with
 * a zstd-format dictionary names its dictID in the header, so that a decoder
 * can pick the dictionary and refuse another one.
 *
 *   h4_dict *dict = h4_dict_create(bytes, size, 3, &error);  -- once, shared by all threads
 *   written = h4_compress_dict(ctx, dict, dst, dst_capacity, src, src_size);
 *   decoded = h4_decompress_dict(ctx, dict, out, out_capacity, dst, written);
 *   h4_dict_free(dict);  -- after its last use on any thread
 *
 * h4_dict_train() : trains a zstd-format dictionary from samples with
 * libzstd's dictionary builder: ZDICT_trainFromBuffer() of zdict.h's stable
 * API, whose parameters libzstd fixes (v1.5.4: fastCover with d = 8, f = 20,
 * accel = 1, k tried at 4 steps in [50, 2000], 75% of the samples to train
 * and the rest to choose k, entropy tables for level 3, dictID from a hash of
 * the content) and which runs on the calling thread only (nbThreads = 0:
 * candidates are tried one after the other, so the best one, and a tie
 * between two, is always chosen in the same order). The same samples and
 * dst_capacity therefore give the same bytes on every run, thread and machine
 * with the same libzstd version. Why this one: its parameters come with the
 * library and need no experimental (ZDICT_STATIC_LINKING_ONLY) structure,
 * whose layout could change under a libzstd.so.1 update.
 * Since ABI 6 the samples are handed to the builder in the order `zstd
 * --train` hands it its sample files: zstd's programs/dibio.c shuffles the
 * list of files it is given (a Fisher-Yates shuffle, from the last file to
 * the second, each swapped with one at an index below or at its own drawn
 * from a fixed-seed generator), then loads them in that order. The core
 * draws the same numbers and so makes the same order. The same samples in
 * the same order therefore give `zstd --train`'s dictionary byte for byte
 * (same libzstd version; each sample at most zstd's 128 KiB per file, which
 * zstd cuts longer files to, and `zstd --train` given one file per sample in
 * that order, without -B, --maxdict = dst_capacity). Why: a user checks a
 * dictionary against `zstd --train`, and a dictionary's id is the SHA-256 of
 * its bytes, so both tools then name it the same. ABI 5 passed the samples
 * unshuffled, which made other bytes. The shuffled copy costs memory the
 * size of the samples.
 * samples = the samples one after the other, sample_sizes[i] their sizes;
 * dst_capacity = the largest dictionary wanted (zstd's default is 112640;
 * at least 256). The builder needs at least 7 samples (three quarters of
 * them, at least 5, to train, the others to test), 8 bytes in all at least,
 * and their total below 4 GiB (1 GiB on 32-bit); zstd advises a total of
 * about 100 times dst_capacity. It allocates about 6 MB, and neither prints
 * nor keeps anything. samples may be NULL only when every size is 0.
 * Returns the dictionary's size (<= dst_capacity), or H4_E_NULL_ARGUMENT,
 * H4_E_TRAINING (too few, too small or too alike samples: the builder made
 * no dictionary), H4_E_DST_TOO_SMALL (a dst_capacity too small for a
 * dictionary's header and tables), H4_E_SRC_TOO_LARGE (more than UINT_MAX
 * samples, or too many bytes) or H4_E_NO_MEMORY. On error the contents of
 * dst are undefined.
 * Note : libzstd's builder writes a static verbosity level (to 0) on every
 *        call; two threads training at once write the same value.
 */
H4_API int64_t h4_dict_train(void *dst, size_t dst_capacity, const void *samples, const size_t *sample_sizes,
                             size_t sample_count);

/*
 * h4_dict_create() : digests a dictionary for compression at `level` and for
 * decompression; copies the bytes, which the caller may then free. Bytes that
 * start with zstd's dictionary magic (0xEC30A437, little-endian) are a
 * zstd-format dictionary, whose entropy tables must load; any other bytes,
 * empty ones included, are raw content (dictID 0). The h4_dict is immutable:
 * any number of threads may use it at once, each with its own h4_ctx.
 * Returns it, or NULL with *error set to H4_E_NULL_ARGUMENT, H4_E_BAD_LEVEL,
 * H4_E_CORRUPT (a zstd-format dictionary whose tables are damaged) or
 * H4_E_NO_MEMORY; *error is 0 on success. error may be NULL.
 * h4_dict_free() frees it (NULL is accepted); no call may be using it.
 * h4_dict_id() gives the dictID its header names, which the frames made with
 * it carry; 0 for raw content (and for NULL).
 */
typedef struct h4_dict_s h4_dict;

H4_API h4_dict *h4_dict_create(const void *dict, size_t dict_size, int level, int64_t *error);

H4_API void h4_dict_free(h4_dict *dict);

H4_API uint32_t h4_dict_id(const h4_dict *dict);

/*
 * h4_dict_create_raw() : since ABI 6. As h4_dict_create(), but the bytes are
 * raw content whatever they start with: the dictionary is the history a frame
 * continues from (zstd's ZSTD_dct_rawContent), with no entropy tables and no
 * dictID (h4_dict_id() is 0, and frames made with it name none). This is how
 * RFC 9842's `dcz` is applied: its decoders (Chromium's, for one) reference
 * the dictionary's bytes as a raw prefix (ZSTD_DCtx_refPrefix), so a `dcz`
 * body made with a zstd-format dictionary must be made this way to decode
 * there. Bytes that do not start with zstd's dictionary magic are raw content
 * for h4_dict_create() too: for them this is h4_dict_create(), the same
 * digests and the same frames. Bytes that do start with it are digested once
 * for compression, since ABI 7, by libzstd's ZSTD_createCDict_advanced() with
 * ZSTD_dct_rawContent, when the libzstd loaded exports it and is a version
 * whose experimental API the core was written against (1.4.0 to 1.5.x:
 * checked at run time, as that API may change between versions). Otherwise
 * (ABI 6's way, the stable fallback) the h4_dict keeps a copy, and each
 * h4_compress_dict() references it as a prefix (ZSTD_CCtx_refPrefix), which
 * makes zstd index the whole dictionary again for every frame. Either way the
 * frames name no dictID and decode with the bytes as a raw prefix; the two
 * ways may make different bytes for the same input. Each h4_decompress_dict()
 * references the bytes as a prefix (ZSTD_DCtx_refPrefix), which costs a small
 * allocation, not a pass over them.
 * Any bytes are accepted, none refused as damaged.
 * Returns it, or NULL with *error set to H4_E_NULL_ARGUMENT, H4_E_BAD_LEVEL
 * (either way, at the level checked as for h4_dict_create()) or
 * H4_E_NO_MEMORY; *error is 0 on success. error may be NULL. Freed by
 * h4_dict_free().
 */
H4_API h4_dict *h4_dict_create_raw(const void *dict, size_t dict_size, int level, int64_t *error);

/*
 * h4_compress_dict() : as h4_compress(), with the dictionary and the level it
 * was created with. The frame records the content size, a content checksum
 * and, when h4_dict_id(dict) is not 0, the dictID. Deterministic as
 * h4_compress(). dict may be freed after the call: the context may keep its
 * address, so that its next frame with the same dict skips the set-up, but
 * reads it only in a call that hands it in again (and makes the same frame
 * either way).
 * Returns the number of bytes written to dst (> 0), or H4_E_NULL_ARGUMENT
 * (dict too), H4_E_SRC_TOO_LARGE, H4_E_DST_TOO_SMALL, H4_E_NO_MEMORY or
 * H4_E_GENERIC. h4_compress_bound() bounds the result.
 *
 * h4_decompress_dict() : as h4_decompress(), with the dictionary: exactly one
 * complete frame as h4_compress_dict() or h4_compress() makes it, checksum
 * verified. A frame that names a dictID other than h4_dict_id(dict) is
 * H4_E_DICTIONARY. A frame that names none (a raw-content dictionary's, or
 * one made without a dictionary) is decoded with dict, as zstd does: the
 * original bytes or an error, as for any frame; made with other content, its
 * checksum (or its blocks) refuse it.
 * Returns the number of bytes written, always the declared content size, or
 * H4_E_NULL_ARGUMENT (dict too), H4_E_CORRUPT, H4_E_CHECKSUM,
 * H4_E_DICTIONARY, H4_E_SIZE_UNKNOWN, H4_E_DST_TOO_SMALL, H4_E_NO_MEMORY or
 * H4_E_GENERIC. On error the contents of dst are undefined.
 * Note : h4_decompress(), h4_decompress_unchecked() and h4_decompress_begin()
 *        refuse a frame that names a dictID with H4_E_DICTIONARY.
 */
H4_API int64_t h4_compress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity,
                                const void *src, size_t src_size);

/*
 * h4_decompress_dict_unchecked() : since ABI 8. As h4_decompress_dict(), but
 * the frame's content checksum is not verified (its presence still is), as
 * h4_decompress_unchecked() is to h4_decompress(): for a caller that checks
 * the content against the checksum itself, or compares it, so that each
 * decoded byte is checked once. Returns what h4_decompress_dict() returns,
 * never H4_E_CHECKSUM.
 */
H4_API int64_t h4_decompress_dict_unchecked(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity,
                                            const void *src, size_t src_size);

/*
 * h4_compress_dict_verified() : since ABI 7. h4_compress_dict(), then the
 * frame decoded again with dict on the same context and compared with src
 * byte for byte (stronger than its checksum, which this decode skips), so
 * that a codec fault that makes a frame which does not decode to its input
 * fails the call rather than reaching a receiver. One call, no copy for the
 * caller: the decode goes to working memory the context keeps (as large as
 * the largest content it checked, up to 1 MiB; larger content gets memory
 * of its own for the call). The same frames as h4_compress_dict().
 * Returns what h4_compress_dict() returns, or H4_E_ROUNDTRIP when the frame
 * does not decode to src, or H4_E_NO_MEMORY for the decode's memory.
 */
H4_API int64_t h4_compress_dict_verified(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity,
                                         const void *src, size_t src_size);

H4_API int64_t h4_decompress_dict(h4_ctx *ctx, const h4_dict *dict, void *dst, size_t dst_capacity,
                                  const void *src, size_t src_size);

/*
 * h4_frame_dict_id() : the dictID that the header of the zstd frame at the
 * start of src names (0: none), without decoding it, so that a caller can
 * find the dictionary. Only the header is read; the rest of src is not
 * checked. Returns it (>= 0), or H4_E_NULL_ARGUMENT, or H4_E_CORRUPT (src
 * does not start with a whole, valid frame header; a skippable frame is not
 * one).
 */
H4_API int64_t h4_frame_dict_id(const void *src, size_t src_size);

/*
 * h4_frame_info() : since ABI 6. What the header of the zstd frame at the
 * start of src declares (RFC 8878 section 3.1.1.1), without decoding it: so
 * that a caller can refuse a frame before it sets memory aside for it, and
 * say which field a frame lacks, with no frame parser of its own. Only the
 * header is read; the rest of src is not checked.
 *   content_size : the declared content size, when flags has
 *                  H4_FRAME_CONTENT_SIZE; 0 otherwise.
 *   dict_id      : the dictID the header names, 0 for none (as
 *                  h4_frame_dict_id()).
 *   flags        : H4_FRAME_CONTENT_SIZE when the header declares the
 *                  content size, H4_FRAME_CHECKSUM when a content checksum
 *                  follows the frame's last block. Other bits are 0.
 * Returns 0 with *info filled, or H4_E_NULL_ARGUMENT (src or info), or
 * H4_E_CORRUPT (src does not start with a whole, valid frame header; a
 * skippable frame is not one), leaving *info untouched.
 * Note : h4_compress(), h4_compress_dict() make frames with both flags;
 *        every decoder of this library refuses a frame without them.
 */
#define H4_FRAME_CONTENT_SIZE 1u
#define H4_FRAME_CHECKSUM     2u

typedef struct {
    uint64_t content_size;
    uint32_t dict_id;
    uint32_t flags;
} h4_frame_info_t;

H4_API int64_t h4_frame_info(const void *src, size_t src_size, h4_frame_info_t *info);

/*
 * Returns a static name for a result code, e.g. "H4_E_CORRUPT", or "H4_OK"
 * for any value >= 0, or "H4_E_UNKNOWN" for a negative value not listed above.
 */
H4_API const char *h4_error_name(int64_t code);

/*
 * Streams : since ABI 6.
 * One compression context for many messages, as a chat gateway or a telemetry
 * agent keeps for a connection: each message compresses against what the
 * earlier ones taught the compressor, and its bytes let the receiver restore
 * it at once (a flush per message). Everything a stream gives, concatenated,
 * is one RFC 8878 zstd frame that any zstd decoder reads: no content size
 * (the stream's length is not known when it starts), a content checksum of
 * everything at its end, a window of at most 2^window_log bytes, and, with a
 * zstd-format dictionary, its dictID in the header. Over libzstd's stable
 * streaming API: ZSTD_compressStream2() with ZSTD_e_flush after each message
 * and ZSTD_e_end to finish; ZSTD_decompressStream() with ZSTD_d_windowLogMax.
 *
 *   h4_cstream *c = h4_cstream_create(3, NULL, H4_STREAM_WINDOW_LOG_MAX, &error);
 *   n = h4_cstream_compress(c, dst, h4_cstream_bound(size), message, size);  -- per message, send dst[0, n)
 *   n = h4_cstream_finish(c, dst, h4_cstream_bound(0));                       -- once, send dst[0, n)
 *   h4_cstream_free(c);
 *
 *   h4_dstream *d = h4_dstream_create(NULL, H4_STREAM_WINDOW_LOG_MAX, &error);
 *   n = h4_dstream_decompress(d, out, max_message, bytes, size);  -- per message's bytes: the message in out[0, n)
 *   ... h4_dstream_ended(d) once the finishing bytes decoded and the checksum matched ...
 *   h4_dstream_free(d);
 *
 * A stream is used by one thread at a time; different streams run on
 * different threads at once, and may share one h4_dict, which must outlive
 * them. Output is deterministic: the same messages with the same level,
 * dictionary and window log give the same bytes on every run, thread and
 * machine with the same libzstd version (one thread per stream: libzstd's
 * workers are never started).
 * Memory: a compressing stream holds zstd's context for its level and window,
 * allocated by its first message (at level 3 and window log 23 about 9.5 MiB
 * with libzstd 1.5.4, of which 8 MiB + 128 KiB are the window's buffer,
 * resident as messages fill it); a decompressing stream at most about
 * 2^window_log_max + 0.5 MiB once a frame asks for that window.
 * h4_cstream_memory() and h4_dstream_memory() say how much now. A lower
 * window log bounds both lower, at some cost in ratio once the messages so
 * far exceed the window.
 * Errors: once a call fails (except H4_E_NULL_ARGUMENT), the stream is
 * broken: every later call returns the same code; free it.
 */
#define H4_E_WINDOW_TOO_LARGE (-14) /* the frame asks for a window larger than the stream accepts (since ABI 6) */
#define H4_E_ENDED            (-15) /* bytes after the end of a stream's frame, or a message after its finish (since ABI 6) */

/* The window logs a stream accepts: 2^23 = 8 MiB is RFC 9659's limit for zstd in HTTP; 2^10 is zstd's least. */
#define H4_STREAM_WINDOW_LOG_MIN 10
#define H4_STREAM_WINDOW_LOG_MAX 23

typedef struct h4_cstream_s h4_cstream;
typedef struct h4_dstream_s h4_dstream;

/*
 * h4_cstream_create() : a compressing stream at `level` with a window of
 * 2^window_log bytes, seeded with dict when it is not NULL: then the frame
 * names h4_dict_id(dict) and the stream compresses at the level dict was
 * created with (as h4_compress_dict()), which `level` must be too. Returns the
 * stream, or NULL with *error set to H4_E_BAD_LEVEL, H4_E_WINDOW_TOO_LARGE
 * (window_log outside [H4_STREAM_WINDOW_LOG_MIN, H4_STREAM_WINDOW_LOG_MAX]),
 * H4_E_NO_MEMORY or H4_E_GENERIC; *error is 0 on success. error may be NULL.
 * h4_cstream_free() frees it (NULL is accepted).
 */
H4_API h4_cstream *h4_cstream_create(int level, const h4_dict *dict, int window_log, int64_t *error);

H4_API void h4_cstream_free(h4_cstream *stream);

/*
 * h4_cstream_bound() : the most bytes h4_cstream_compress() gives for a
 * message of message_size bytes (and h4_cstream_finish() for 0), whatever
 * came before: a dst of this capacity never gets H4_E_DST_TOO_SMALL. Returns 0
 * when message_size is too large for one call.
 */
H4_API size_t h4_cstream_bound(size_t message_size);

/*
 * h4_cstream_compress() : compresses src[0, src_size) as the stream's next
 * message and flushes it: dst[0, result) are its bytes, which, after the
 * stream's earlier ones, let a decoder restore exactly this message now. The
 * first message's bytes start with the frame header. An empty message may
 * give 0 bytes (nothing to flush). src may be NULL only when src_size is 0.
 * Returns the number of bytes written, or H4_E_NULL_ARGUMENT, H4_E_ENDED
 * (after h4_cstream_finish()), H4_E_DST_TOO_SMALL (dst_capacity below
 * h4_cstream_bound(src_size) and too small for this message), H4_E_NO_MEMORY
 * or H4_E_GENERIC.
 *
 * h4_cstream_finish() : ends the frame: its last block and its content
 * checksum (at least 7 bytes; with no message before, the whole frame).
 * Returns the number of bytes written, or H4_E_NULL_ARGUMENT, H4_E_ENDED
 * (finished already), H4_E_DST_TOO_SMALL, H4_E_NO_MEMORY or H4_E_GENERIC.
 */
H4_API int64_t h4_cstream_compress(h4_cstream *stream, void *dst, size_t dst_capacity, const void *src,
                                   size_t src_size);

H4_API int64_t h4_cstream_finish(h4_cstream *stream, void *dst, size_t dst_capacity);

/* h4_cstream_memory() : the bytes the stream holds now (its zstd context and its own state); 0 for NULL. */
H4_API int64_t h4_cstream_memory(const h4_cstream *stream);

/*
 * h4_dstream_create() : a decompressing stream for one frame as a
 * compressing stream makes it, with dict (NULL: none) and accepting a window
 * of at most 2^window_log_max bytes. dict must outlive the stream. Returns
 * it, or NULL with *error set to H4_E_WINDOW_TOO_LARGE (window_log_max
 * outside [H4_STREAM_WINDOW_LOG_MIN, H4_STREAM_WINDOW_LOG_MAX]),
 * H4_E_NO_MEMORY or H4_E_GENERIC; *error is 0 on success. error may be NULL.
 * h4_dstream_free() frees it (NULL is accepted).
 */
H4_API h4_dstream *h4_dstream_create(const h4_dict *dict, int window_log_max, int64_t *error);

H4_API void h4_dstream_free(h4_dstream *stream);

/*
 * h4_dstream_decompress() : decodes src[0, src_size), one message's bytes as
 * h4_cstream_compress() or h4_cstream_finish() gave them, after the earlier
 * ones: dst[0, result) is exactly that message (0 bytes for the finish). The
 * stream's first bytes must start a zstd frame that carries a checksum.
 * Empty src is an empty message (an empty message may compress to nothing).
 * src may be NULL only when src_size is 0, dst only when dst_capacity is 0.
 * Returns the number of bytes written, or:
 *   H4_E_NULL_ARGUMENT
 *   H4_E_DST_TOO_SMALL     the message decodes to more than dst_capacity
 *                          bytes: the caller's largest message
 *   H4_E_WINDOW_TOO_LARGE  the frame asks for a window beyond window_log_max
 *   H4_E_DICTIONARY        the frame names a dictID other than the stream's
 *                          dictionary's, or one when it has none
 *   H4_E_CORRUPT           not a checksummed zstd frame, damage zstd sees,
 *                          or bytes that end inside a block (a truncated
 *                          message: each message's bytes end on a block)
 *   H4_E_CHECKSUM          the frame ended and its checksum does not match
 *   H4_E_ENDED             bytes after the end of the frame
 *   H4_E_NO_MEMORY or H4_E_GENERIC
 * Note : zstd sees some damage only at the frame's end: a changed literal
 *        byte, say, or the wrong raw-content dictionary, may decode to other
 *        bytes without error, and only the checksum at the end (H4_E_CHECKSUM)
 *        says so. A caller that must not act on a wrong message checks each
 *        one itself (harmony4's service compares a running root of the
 *        messages with the sender's).
 *
 * h4_dstream_ended() : 1 once the frame's end has been decoded and its
 * checksum matched, else 0 (and for NULL).
 * h4_dstream_memory() : the bytes the stream holds now; 0 for NULL.
 */
H4_API int64_t h4_dstream_decompress(h4_dstream *stream, void *dst, size_t dst_capacity, const void *src,
                                     size_t src_size);

H4_API int h4_dstream_ended(const h4_dstream *stream);

H4_API int64_t h4_dstream_memory(const h4_dstream *stream);

#ifdef __cplusplus
}
#endif
#endif /* H4CORE_H */
