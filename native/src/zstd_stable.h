/*
 * The subset of libzstd's stable API that h4core uses, declared here so the
 * core builds on a machine with only the runtime (libzstd.so.1) and no -dev
 * package. Used only when <zstd.h> is absent. Every name and value is taken
 * from zstd's stable API (zstd.h, zstd_errors.h and zdict.h's stable part,
 * v1.4.0 and later), whose error code values are pinned since v1.3.1; every
 * function is one that libzstd.so.1 exports (nm -D).
 */
#ifndef H4_ZSTD_STABLE_H
#define H4_ZSTD_STABLE_H

#include <stddef.h>

typedef struct ZSTD_CCtx_s ZSTD_CCtx;
typedef struct ZSTD_DCtx_s ZSTD_DCtx;
typedef struct ZSTD_CDict_s ZSTD_CDict;
typedef struct ZSTD_DDict_s ZSTD_DDict;

typedef enum {
    ZSTD_c_compressionLevel = 100,
    ZSTD_c_windowLog = 101,
    ZSTD_c_contentSizeFlag = 200,
    ZSTD_c_checksumFlag = 201
} ZSTD_cParameter;

/* Only the enum type: the one decompression parameter the core sets is experimental and named in h4core.c. */
typedef enum {
    ZSTD_d_windowLogMax = 100
} ZSTD_dParameter;

typedef enum {
    ZSTD_reset_session_only = 1,
    ZSTD_reset_parameters = 2,
    ZSTD_reset_session_and_parameters = 3
} ZSTD_ResetDirective;

typedef enum {
    ZSTD_error_no_error = 0,
    ZSTD_error_GENERIC = 1,
    ZSTD_error_frameParameter_windowTooLarge = 16,
    ZSTD_error_checksum_wrong = 22,
    ZSTD_error_dictionary_corrupted = 30,
    ZSTD_error_dictionary_wrong = 32,
    ZSTD_error_dictionaryCreation_failed = 34,
    ZSTD_error_parameter_outOfBound = 42,
    ZSTD_error_memory_allocation = 64,
    ZSTD_error_dstSize_tooSmall = 70,
    ZSTD_error_srcSize_wrong = 72
} ZSTD_ErrorCode;

#define ZSTD_CONTENTSIZE_UNKNOWN (0ULL - 1)
#define ZSTD_CONTENTSIZE_ERROR   (0ULL - 2)

typedef struct {
    const void *src;
    size_t size;
    size_t pos;
} ZSTD_inBuffer;

typedef struct {
    void *dst;
    size_t size;
    size_t pos;
} ZSTD_outBuffer;

const char *ZSTD_versionString(void);
unsigned ZSTD_versionNumber(void);
unsigned ZSTD_isError(size_t code);
ZSTD_ErrorCode ZSTD_getErrorCode(size_t functionResult);
int ZSTD_minCLevel(void);
int ZSTD_maxCLevel(void);
size_t ZSTD_compressBound(size_t srcSize);
ZSTD_CCtx *ZSTD_createCCtx(void);
size_t ZSTD_freeCCtx(ZSTD_CCtx *cctx);
ZSTD_DCtx *ZSTD_createDCtx(void);
size_t ZSTD_freeDCtx(ZSTD_DCtx *dctx);
size_t ZSTD_CCtx_reset(ZSTD_CCtx *cctx, ZSTD_ResetDirective reset);
size_t ZSTD_CCtx_setParameter(ZSTD_CCtx *cctx, ZSTD_cParameter param, int value);
size_t ZSTD_compress2(ZSTD_CCtx *cctx, void *dst, size_t dstCapacity, const void *src, size_t srcSize);
unsigned long long ZSTD_getFrameContentSize(const void *src, size_t srcSize);
size_t ZSTD_findFrameCompressedSize(const void *src, size_t srcSize);
size_t ZSTD_DCtx_setParameter(ZSTD_DCtx *dctx, ZSTD_dParameter param, int value);
size_t ZSTD_DCtx_reset(ZSTD_DCtx *dctx, ZSTD_ResetDirective reset);
size_t ZSTD_decompressStream(ZSTD_DCtx *zds, ZSTD_outBuffer *output, ZSTD_inBuffer *input);
size_t ZSTD_decompressDCtx(ZSTD_DCtx *dctx, void *dst, size_t dstCapacity, const void *src, size_t srcSize);

/* Dictionaries (zstd.h's "Bulk processing dictionary API" and "Advanced dictionary and prefix API"). */
size_t ZSTD_compress_usingDict(ZSTD_CCtx *ctx, void *dst, size_t dstCapacity, const void *src, size_t srcSize,
                               const void *dict, size_t dictSize, int compressionLevel);
size_t ZSTD_decompress_usingDict(ZSTD_DCtx *dctx, void *dst, size_t dstCapacity, const void *src, size_t srcSize,
                                 const void *dict, size_t dictSize);
ZSTD_CDict *ZSTD_createCDict(const void *dictBuffer, size_t dictSize, int compressionLevel);
size_t ZSTD_freeCDict(ZSTD_CDict *CDict);
ZSTD_DDict *ZSTD_createDDict(const void *dictBuffer, size_t dictSize);
size_t ZSTD_freeDDict(ZSTD_DDict *ddict);
size_t ZSTD_decompress_usingDDict(ZSTD_DCtx *dctx, void *dst, size_t dstCapacity, const void *src, size_t srcSize,
                                  const ZSTD_DDict *ddict);
size_t ZSTD_CCtx_refCDict(ZSTD_CCtx *cctx, const ZSTD_CDict *cdict);
size_t ZSTD_CCtx_refPrefix(ZSTD_CCtx *cctx, const void *prefix, size_t prefixSize);
size_t ZSTD_DCtx_refPrefix(ZSTD_DCtx *dctx, const void *prefix, size_t prefixSize);
unsigned ZSTD_getDictID_fromDict(const void *dict, size_t dictSize);
unsigned ZSTD_getDictID_fromFrame(const void *src, size_t srcSize);

/* Streaming (zstd.h's "Streaming compression - HowTo", "Streaming decompression - HowTo" and the sizeof_ calls of
 * "Memory management", stable since v1.4.0). */
typedef enum {
    ZSTD_e_continue = 0,
    ZSTD_e_flush = 1,
    ZSTD_e_end = 2
} ZSTD_EndDirective;

size_t ZSTD_compressStream2(ZSTD_CCtx *cctx, ZSTD_outBuffer *output, ZSTD_inBuffer *input, ZSTD_EndDirective endOp);
size_t ZSTD_DCtx_refDDict(ZSTD_DCtx *dctx, const ZSTD_DDict *ddict);
size_t ZSTD_sizeof_CCtx(const ZSTD_CCtx *cctx);
size_t ZSTD_sizeof_DCtx(const ZSTD_DCtx *dctx);

/* The dictionary builder: zdict.h's stable part. Its errors are zstd error codes (ZSTD_getErrorCode). */
size_t ZDICT_trainFromBuffer(void *dictBuffer, size_t dictBufferCapacity, const void *samplesBuffer,
                             const size_t *samplesSizes, unsigned nbSamples);
unsigned ZDICT_isError(size_t errorCode);

#endif
