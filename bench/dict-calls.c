/*
 * What one message costs in C, below Java (docs/benchmarks.md, "Small messages and dictionaries"): the core's
 * dictionary calls against libzstd called directly, the way zstd-jni calls it, on the same libzstd, dictionary and
 * messages. The difference is what the core does around libzstd on every call; the rest of the gap to zstd-jni in
 * the JMH table lies in Java (pool, lease, copies, FFM) or in zstd-jni's newer libzstd.
 *
 *   compress:   libzstd once   ZSTD_CCtx_refCDict and the parameters set once, then ZSTD_compress2 per message
 *                              (zstd-jni's ZstdCompressCtx with loadDict)
 *               libzstd as h4  per message: ZSTD_CCtx_reset, the level's parameters, ZSTD_CCtx_refCDict,
 *                              ZSTD_compress2, ZSTD_CCtx_reset (the sequence h4_compress_dict ran for every frame
 *                              before a context kept its digest set up; now for a context's first frame with it)
 *               h4             h4_compress_dict
 *               h4 verified    h4_compress_dict_verified (ABI 7): the same, then decoded again and compared, the
 *                              engine's round-trip check in the same call
 *   decompress: libzstd once   ZSTD_DCtx_refDDict once, then ZSTD_getFrameContentSize and ZSTD_decompressDCtx
 *                              (zstd-jni's ZstdDecompressCtx with loadDict, and the size a receiver reads first)
 *               h4             ZSTD_getFrameContentSize then h4_decompress_dict (CoreEngine reads the size from
 *                              the header in Java, asking h4_decompressed_size only for a header it does not read)
 *
 * With PEER_LIBZSTD naming zstd-jni's native library (its libzstd 1.5.7 inside; bench/messages.sh takes it from the
 * jar), "libzstd once" runs a second time on that library, so that the libzstd versions can be told apart from what
 * the bindings add. That library exports no ZSTD_createCDict, so there the dictionary is loaded into each context
 * once (ZSTD_CCtx_loadDictionary, ZSTD_DCtx_loadDictionary), which digests it on first use and keeps the digest.
 *
 * Each round runs every variant in turn, each over all messages twice, timing the second pass (the first brings
 * its digest and context into the cache, as a steady stream of messages keeps them) by the process's CPU time;
 * medians of the rounds, in ns per message.
 * Usage: [PEER_LIBZSTD=libzstd-jni.so] dict-calls ROUNDS DICTIONARY MESSAGE...   (built and run by bench/messages.sh)
 */
#define _POSIX_C_SOURCE 200809L
#include "h4core.h"
#include "zstd_stable.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Stable API (zstd.h, since 1.4.0) that zstd_stable.h does not declare, as the core does not call it. */
size_t ZSTD_DCtx_refDDict(ZSTD_DCtx *dctx, const ZSTD_DDict *ddict);

enum { VARIANTS = 8, MAX_MESSAGES = 4096 };
static const char *const NAMES[VARIANTS] = {"compress, libzstd once", "compress, libzstd as h4", "compress, h4",
                                            "compress, peer libzstd once", "decompress, libzstd once",
                                            "decompress, h4", "decompress, peer libzstd once",
                                            "compress, h4 verified"};

/* The calls taken from the peer's library, which has its own copy of libzstd. */
typedef struct {
    ZSTD_CCtx *(*create_cctx)(void);
    ZSTD_DCtx *(*create_dctx)(void);
    size_t (*cctx_set_parameter)(ZSTD_CCtx *, ZSTD_cParameter, int);
    size_t (*cctx_load_dictionary)(ZSTD_CCtx *, const void *, size_t);
    size_t (*dctx_load_dictionary)(ZSTD_DCtx *, const void *, size_t);
    size_t (*compress2)(ZSTD_CCtx *, void *, size_t, const void *, size_t);
    size_t (*decompress_dctx)(ZSTD_DCtx *, void *, size_t, const void *, size_t);
    unsigned (*is_error)(size_t);
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
} peer_lib;

static void *symbol(void *lib, const char *name) {
    void *f = dlsym(lib, name);
    if (f == NULL) {
        fprintf(stderr, "the peer library has no %s\n", name);
        exit(2);
    }
    return f;
}

typedef struct {
    unsigned char *bytes;
    size_t size;
} buffer;

static buffer read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    long size = ftell(f);
    rewind(f);
    buffer b = {malloc((size_t)size + 1), (size_t)size};
    if (b.bytes == NULL || fread(b.bytes, 1, b.size, f) != b.size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return b;
}

static void check(int ok, const char *what) {
    if (!ok) {
        fprintf(stderr, "failed: %s\n", what);
        exit(1);
    }
}

static uint64_t now_ns(void) {
    struct timespec t;
    /* CPU time of this process (one thread): what the calls cost it, not what other processes take meanwhile */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Everything the variants call with. */
typedef struct {
    h4_ctx *ctx;
    h4_dict *digested;
    ZSTD_CCtx *cctx;
    ZSTD_DCtx *dctx;
    ZSTD_CDict *cdict;
    peer_lib *peer;
    unsigned char *dst, *out;
    size_t capacity;
} calls;

/* One message through variant v (NAMES): message m, or its frame f. */
static size_t call(const calls *k, int v, const buffer *m, const buffer *f) {
    switch (v) {
    case 0:
        return ZSTD_compress2(k->cctx, k->dst, k->capacity, m->bytes, m->size);
    case 1: {
        ZSTD_CCtx_reset(k->cctx, ZSTD_reset_session_and_parameters);
        ZSTD_CCtx_setParameter(k->cctx, ZSTD_c_contentSizeFlag, 1);
        ZSTD_CCtx_setParameter(k->cctx, ZSTD_c_checksumFlag, 1);
        ZSTD_CCtx_refCDict(k->cctx, k->cdict);
        size_t written = ZSTD_compress2(k->cctx, k->dst, k->capacity, m->bytes, m->size);
        ZSTD_CCtx_reset(k->cctx, ZSTD_reset_session_and_parameters);
        return written;
    }
    case 2:
        return (size_t)h4_compress_dict(k->ctx, k->digested, k->dst, k->capacity, m->bytes, m->size);
    case 3:
        return k->peer->compress2(k->peer->cctx, k->dst, k->capacity, m->bytes, m->size);
    case 4:
        return ZSTD_decompressDCtx(k->dctx, k->out, (size_t)ZSTD_getFrameContentSize(f->bytes, f->size), f->bytes,
                                   f->size);
    case 5:
        return (size_t)h4_decompress_dict(k->ctx, k->digested, k->out,
                                          (size_t)ZSTD_getFrameContentSize(f->bytes, f->size), f->bytes, f->size);
    case 7:
        return (size_t)h4_compress_dict_verified(k->ctx, k->digested, k->dst, k->capacity, m->bytes, m->size);
    default: /* the content size read by libzstd 1.5.4: the peer exports no such call */
        return k->peer->decompress_dctx(k->peer->dctx, k->out, (size_t)ZSTD_getFrameContentSize(f->bytes, f->size),
                                        f->bytes, f->size);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s ROUNDS DICTIONARY MESSAGE...\n", argv[0]);
        return 2;
    }
    int rounds = atoi(argv[1]);
    buffer dict = read_file(argv[2]);
    int n = argc - 3;
    check(rounds > 0 && n <= MAX_MESSAGES, "rounds > 0 and at most 4096 messages");
    static buffer messages[MAX_MESSAGES], frames[MAX_MESSAGES];
    size_t largest = 0;
    for (int i = 0; i < n; i++) {
        messages[i] = read_file(argv[3 + i]);
        largest = messages[i].size > largest ? messages[i].size : largest;
    }
    size_t capacity = ZSTD_compressBound(largest);
    unsigned char *dst = malloc(capacity), *out = malloc(largest + 1);
    check(dst != NULL && out != NULL, "memory");

    int64_t error = 0;
    h4_ctx *ctx = h4_ctx_create();
    h4_dict *digested = h4_dict_create(dict.bytes, dict.size, 3, &error);
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    ZSTD_CDict *cdict = ZSTD_createCDict(dict.bytes, dict.size, 3);
    ZSTD_DDict *ddict = ZSTD_createDDict(dict.bytes, dict.size);
    check(ctx && digested && cctx && dctx && cdict && ddict, "contexts and dictionaries");
    /* The way zstd-jni's contexts hold it: set once, kept across frames. */
    check(!ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1))
              && !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1))
              && !ZSTD_isError(ZSTD_CCtx_refCDict(cctx, cdict)) && !ZSTD_isError(ZSTD_DCtx_refDDict(dctx, ddict)),
          "parameters");
    for (int i = 0; i < n; i++) { /* the frames every decoder reads, each checked against the other side */
        int64_t w = h4_compress_dict(ctx, digested, dst, capacity, messages[i].bytes, messages[i].size);
        check(w > 0, "h4_compress_dict");
        frames[i] = (buffer){malloc((size_t)w), (size_t)w};
        memcpy(frames[i].bytes, dst, (size_t)w);
        check(h4_compress_dict_verified(ctx, digested, dst, capacity, messages[i].bytes, messages[i].size) == w
                  && memcmp(dst, frames[i].bytes, (size_t)w) == 0,
              "h4_compress_dict_verified makes h4_compress_dict's frame");
        size_t z = ZSTD_compress2(cctx, dst, capacity, messages[i].bytes, messages[i].size);
        check(!ZSTD_isError(z) && z == (size_t)w && memcmp(dst, frames[i].bytes, z) == 0,
              "libzstd and h4 make the same frame");
        size_t d = ZSTD_decompressDCtx(dctx, out, largest, frames[i].bytes, frames[i].size);
        check(d == messages[i].size && memcmp(out, messages[i].bytes, d) == 0, "the frame decodes");
    }

    const char *peer_path = getenv("PEER_LIBZSTD");
    peer_lib peer = {0};
    if (peer_path != NULL && *peer_path) {
        void *lib = dlopen(peer_path, RTLD_NOW | RTLD_LOCAL);
        check(lib != NULL, "dlopen PEER_LIBZSTD");
        *(void **)&peer.create_cctx = symbol(lib, "ZSTD_createCCtx");
        *(void **)&peer.create_dctx = symbol(lib, "ZSTD_createDCtx");
        *(void **)&peer.cctx_set_parameter = symbol(lib, "ZSTD_CCtx_setParameter");
        *(void **)&peer.cctx_load_dictionary = symbol(lib, "ZSTD_CCtx_loadDictionary");
        *(void **)&peer.dctx_load_dictionary = symbol(lib, "ZSTD_DCtx_loadDictionary");
        *(void **)&peer.compress2 = symbol(lib, "ZSTD_compress2");
        *(void **)&peer.decompress_dctx = symbol(lib, "ZSTD_decompressDCtx");
        *(void **)&peer.is_error = symbol(lib, "ZSTD_isError");
        peer.cctx = peer.create_cctx();
        peer.dctx = peer.create_dctx();
        check(peer.cctx && peer.dctx && !peer.is_error(peer.cctx_set_parameter(peer.cctx, ZSTD_c_compressionLevel, 3))
                  && !peer.is_error(peer.cctx_set_parameter(peer.cctx, ZSTD_c_contentSizeFlag, 1))
                  && !peer.is_error(peer.cctx_set_parameter(peer.cctx, ZSTD_c_checksumFlag, 1))
                  && !peer.is_error(peer.cctx_load_dictionary(peer.cctx, dict.bytes, dict.size))
                  && !peer.is_error(peer.dctx_load_dictionary(peer.dctx, dict.bytes, dict.size)),
              "the peer's contexts");
        for (int i = 0; i < n; i++) { /* its frames may differ from 1.5.4's; each must decode to its message */
            size_t z = peer.compress2(peer.cctx, dst, capacity, messages[i].bytes, messages[i].size);
            check(!peer.is_error(z), "the peer compresses");
            size_t d = peer.decompress_dctx(peer.dctx, out, largest, dst, z);
            check(d == messages[i].size && memcmp(out, messages[i].bytes, d) == 0, "the peer's frame decodes");
            d = peer.decompress_dctx(peer.dctx, out, largest, frames[i].bytes, frames[i].size);
            check(d == messages[i].size && memcmp(out, messages[i].bytes, d) == 0, "the peer decodes h4's frame");
        }
    }

    double *ns = malloc(sizeof(double) * VARIANTS * (size_t)rounds);
    check(ns != NULL, "memory");
    calls k = {ctx, digested, cctx, dctx, cdict, &peer, dst, out, capacity};
    volatile size_t sink = 0;
    for (int r = -1; r < rounds; r++) { /* round -1 warms up */
        for (int v = 0; v < VARIANTS; v++) {
            if ((v == 3 || v == 6) && peer.cctx == NULL) {
                continue;
            }
            /* An untimed pass first: each variant's digest and context in cache, as in a steady stream of
             * messages, whichever variant ran before. */
            uint64_t start = 0;
            for (int pass = 0; pass < 2; pass++) {
                start = now_ns();
                for (int i = 0; i < n; i++) {
                    sink += call(&k, v, &messages[i], &frames[i]);
                }
            }
            if (r >= 0) {
                ns[v * rounds + r] = (double)(now_ns() - start) / n;
            }
            if (v == 1) { /* variant 0 runs with the dictionary and parameters set once: set them again */
                ZSTD_CCtx_setParameter(k.cctx, ZSTD_c_contentSizeFlag, 1);
                ZSTD_CCtx_setParameter(k.cctx, ZSTD_c_checksumFlag, 1);
                ZSTD_CCtx_refCDict(k.cctx, k.cdict);
            }
        }
    }
    for (int v = 0; v < VARIANTS; v++) {
        if ((v == 3 || v == 6) && peer.cctx == NULL) {
            continue;
        }
        qsort(ns + v * rounds, (size_t)rounds, sizeof(double), compare);
        double median = ns[v * rounds + rounds / 2];
        printf("%s=%.0f\n", NAMES[v], median);
    }
    return sink == 0;
}
