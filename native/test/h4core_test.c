/* Unit tests of the libh4core ABI: behaviour at the edges, errors, threads. Exits non-zero on the first failure. */
#include "h4core.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_include) && __has_include(<zstd.h>)
#  include <zstd.h>
#else
#  include "zstd_stable.h"
#endif

static int failures;
#define CHECK(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

/*
 * One frame decoded in steps of at most STEP_OUTPUT bytes (ABI 3), as the header's loop does: a step is taken even
 * for an empty frame, every step decodes more, and a step after the end returns the size again.
 */
#define STEP_OUTPUT 1000
static int64_t stepped(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n, int verify) {
    int64_t size = h4_decompress_begin(ctx, src, n, verify);
    if (size < 0) {
        return size;
    }
    int64_t done = 0;
    do {
        int64_t before = done;
        done = h4_decompress_step(ctx, dst, cap, src, n, STEP_OUTPUT);
        CHECK(done < 0 || done > before || size == 0);
    } while (done >= 0 && done < size);
    if (done >= 0) {
        CHECK(h4_decompress_step(ctx, dst, cap, src, n, STEP_OUTPUT) == done);
    }
    return done;
}

static int64_t stepped_checked(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n) {
    return stepped(ctx, dst, cap, src, n, 1);
}

static int64_t stepped_unchecked(h4_ctx *ctx, void *dst, size_t cap, const void *src, size_t n) {
    return stepped(ctx, dst, cap, src, n, 0);
}

/* Every decoder: every property of h4_decompress holds for the others, except the checksum's for the unchecked. */
typedef int64_t (*decoder)(h4_ctx *, void *, size_t, const void *, size_t);
static const decoder decoders[4] = {h4_decompress, h4_decompress_unchecked, stepped_checked, stepped_unchecked};
#define EACH_DECODER(d) for (size_t d##_i = 0; d##_i < 4; d##_i++) for (decoder d = decoders[d##_i]; d; d = NULL)

static unsigned char *sample(size_t n, unsigned seed) {
    unsigned char *p = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (unsigned char)((i % 64 < 40) ? 'a' + (i % 7) : (seed >> 16));
    }
    return p;
}

static void test_round_trip_sizes(h4_ctx *ctx) {
    size_t sizes[] = {0, 1, 2, 255, 256, 4096, 100000, 1 << 20};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        unsigned char *in = sample(n, (unsigned)k);
        size_t cap = h4_compress_bound(n);
        unsigned char *c = malloc(cap);
        int64_t clen = h4_compress(ctx, c, cap, in, n, 3);
        CHECK(clen > 0 && (size_t)clen <= cap);
        CHECK(h4_decompressed_size(c, (size_t)clen) == (int64_t)n);
        unsigned char *out = malloc(n ? n : 1);
        EACH_DECODER(decode) {
            memset(out, 0, n);
            CHECK(decode(ctx, out, n, c, (size_t)clen) == (int64_t)n);
            CHECK(n == 0 || memcmp(in, out, n) == 0);
        }
        free(in); free(c); free(out);
    }
}

static void test_errors(h4_ctx *ctx) {
    unsigned char in[1000], c[2000], out[1000];
    memset(in, 'x', sizeof in);
    CHECK(h4_compress(NULL, c, sizeof c, in, sizeof in, 3) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress(ctx, NULL, sizeof c, in, sizeof in, 3) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress(ctx, c, sizeof c, NULL, 1, 3) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress(ctx, c, sizeof c, in, sizeof in, h4_max_level() + 1) == H4_E_BAD_LEVEL);
    CHECK(h4_compress(ctx, c, 3, in, sizeof in, 3) == H4_E_DST_TOO_SMALL);
    CHECK(h4_compress_bound((size_t)-1) == 0);

    int64_t clen = h4_compress(ctx, c, sizeof c, in, sizeof in, 1);
    CHECK(clen > 0);
    EACH_DECODER(decode) {
        CHECK(decode(ctx, out, sizeof in - 1, c, (size_t)clen) == H4_E_DST_TOO_SMALL);
        for (int64_t cut = 0; cut < clen; cut++) {
            int64_t r = decode(ctx, out, sizeof out, c, (size_t)cut);
            CHECK(r < 0);
        }
        /* trailing bytes after the frame */
        c[clen] = 0;
        CHECK(decode(ctx, out, sizeof out, c, (size_t)clen + 1) == H4_E_CORRUPT);
        CHECK(decode(NULL, out, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
        CHECK(decode(ctx, out, sizeof out, NULL, (size_t)clen) == H4_E_NULL_ARGUMENT);
        CHECK(decode(ctx, NULL, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
    }
    CHECK(h4_decompressed_size(NULL, 0) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompressed_size(in, sizeof in) == H4_E_CORRUPT);
}

/* A damaged checksum: the checked decoder refuses it, the unchecked one returns the content as decoded. */
static void test_damaged_checksum(h4_ctx *ctx) {
    unsigned char *in = sample(5000, 11);
    unsigned char c[6000], out[5000];
    int64_t clen = h4_compress(ctx, c, sizeof c, in, 5000, 3);
    CHECK(clen > 4);
    c[clen - 1] ^= 1;
    CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
    CHECK(stepped_checked(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
    memset(out, 0, sizeof out);
    CHECK(stepped_unchecked(ctx, out, sizeof out, c, (size_t)clen) == 5000);
    CHECK(memcmp(out, in, 5000) == 0);
    memset(out, 0, sizeof out);
    CHECK(h4_decompress_unchecked(ctx, out, sizeof out, c, (size_t)clen) == 5000);
    CHECK(memcmp(out, in, 5000) == 0);
    /* the same context checks again afterwards: the parameter does not stick */
    CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
    /* a frame begun in steps without the check and left there, then the one-call decoders in either order, each
     * twice in a row (the second call keeps the first's set-up): each call still chooses for itself */
    CHECK(h4_decompress_begin(ctx, c, (size_t)clen, 0) == 5000);
    for (int round = 0; round < 2; round++) {
        CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
        CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
        CHECK(h4_decompress_unchecked(ctx, out, sizeof out, c, (size_t)clen) == 5000);
        CHECK(h4_decompress_unchecked(ctx, out, sizeof out, c, (size_t)clen) == 5000);
        CHECK(h4_decompress_begin(ctx, c, (size_t)clen, 1) == 5000);
    }
    CHECK(h4_decompress_unchecked(ctx, out, sizeof out, c, (size_t)clen) == 5000);
    CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
    /* repaired, it passes the check */
    c[clen - 1] ^= 1;
    CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == 5000);
    /* on a fresh context the unchecked decode comes first */
    h4_ctx *fresh = h4_ctx_create();
    c[clen - 2] ^= 0x40;
    CHECK(h4_decompress_unchecked(fresh, out, sizeof out, c, (size_t)clen) == 5000);
    CHECK(h4_decompress(fresh, out, sizeof out, c, (size_t)clen) == H4_E_CHECKSUM);
    h4_ctx_free(fresh);
    free(in);
}

/* Frames that zstd accepts but h4_compress never makes are refused: no checksum, a skippable frame. */
static void test_foreign_frames(h4_ctx *ctx) {
    unsigned char in[500], c[1000], out[500];
    memset(in, 'y', sizeof in);
    ZSTD_CCtx *z = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(z, ZSTD_c_checksumFlag, 0);
    size_t zlen = ZSTD_compress2(z, c, sizeof c, in, sizeof in);
    CHECK(!ZSTD_isError(zlen));
    unsigned char skippable[12] = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
    EACH_DECODER(decode) {
        CHECK(decode(ctx, out, sizeof out, c, zlen) == H4_E_CORRUPT);
        CHECK(decode(ctx, out, sizeof out, skippable, sizeof skippable) < 0);
    }
    ZSTD_freeCCtx(z);
}

/*
 * Frames made by hand around one raw block of "abc", with each content-size field the header can hold: check_frame
 * answers each from one walk of the frame, and must give the codes the size query and the frame's own checks gave
 * in ABI 7's order: the size, or SIZE_UNKNOWN, SRC_TOO_LARGE, CORRUPT (libzstd reads an 8-byte size of 2^64 - 2 as
 * its error marker, and 2^64 - 1 as no size), CORRUPT for no checksum or a byte after the frame, DICTIONARY for a
 * dictID.
 */
static size_t hand_frame(unsigned char *f, unsigned fhd, const unsigned char *fields, size_t field_bytes,
                         const unsigned char checksum[4], int trailing) {
    static const unsigned char magic[4] = {0x28, 0xB5, 0x2F, 0xFD};
    static const unsigned char block[6] = {0x19, 0x00, 0x00, 'a', 'b', 'c'}; /* last block, raw, 3 bytes */
    size_t n = 0;
    memcpy(f, magic, 4);
    n = 4;
    f[n++] = (unsigned char)(fhd | (checksum != NULL ? 0x04 : 0));
    memcpy(f + n, fields, field_bytes);
    n += field_bytes;
    memcpy(f + n, block, sizeof block);
    n += sizeof block;
    if (checksum != NULL) {
        memcpy(f + n, checksum, 4);
        n += 4;
    }
    if (trailing) {
        f[n++] = 0;
    }
    return n;
}

static void test_frame_checks(h4_ctx *ctx) {
    unsigned char made[64], f[64], out[16];
    int64_t mlen = h4_compress(ctx, made, sizeof made, "abc", 3, 3);
    CHECK(mlen > 4);
    const unsigned char *sum = made + mlen - 4; /* XXH64("abc"), low 32 bits, as zstd writes it */
    static const unsigned char one_byte[1] = {3};                            /* single segment */
    static const unsigned char four_bytes[5] = {0x00, 3, 0, 0, 0};           /* window 1 KiB */
    static const unsigned char eight_bytes[9] = {0x00, 3, 0, 0, 0, 0, 0, 0, 0};
    static const unsigned char no_size[1] = {0x00};
    static const unsigned char marker_unknown[9] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    static const unsigned char marker_error[9] = {0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    static const unsigned char above_int64[9] = {0x00, 0, 0, 0, 0, 0, 0, 0, 0x80};
    static const unsigned char dict_id[5] = {0x44, 0x33, 0x22, 0x11, 3}; /* single segment, 4-byte dictID */
    static const unsigned char dict_id_one[2] = {0x07, 3};               /* single segment, 1-byte dictID */
    static const unsigned char big_window[2] = {0xF8, 3};                /* window log 41: above libzstd's */
    struct {
        unsigned fhd;
        const unsigned char *fields;
        size_t bytes;
        int checksum, trailing;
        int64_t expected;
    } cases[] = {
        {0x20, one_byte, 1, 1, 0, 3},
        {0x20, one_byte, 1, 0, 0, H4_E_CORRUPT},
        {0x20, one_byte, 1, 1, 1, H4_E_CORRUPT},
        {0x80, four_bytes, 5, 1, 0, 3},
        {0xC0, eight_bytes, 9, 1, 0, 3},
        {0x00, no_size, 1, 1, 0, H4_E_SIZE_UNKNOWN},
        {0x00, no_size, 1, 0, 1, H4_E_SIZE_UNKNOWN},
        {0xC0, marker_unknown, 9, 1, 0, H4_E_SIZE_UNKNOWN},
        {0xC0, marker_error, 9, 1, 0, H4_E_CORRUPT},
        {0xC0, above_int64, 9, 1, 0, H4_E_SRC_TOO_LARGE},
        {0xC0, above_int64, 9, 0, 1, H4_E_SRC_TOO_LARGE},
        {0x28, one_byte, 1, 1, 0, H4_E_CORRUPT}, /* the reserved bit */
        {0x23, dict_id, 5, 1, 0, H4_E_DICTIONARY},
        {0x23, dict_id, 5, 0, 0, H4_E_CORRUPT},
        {0x23, dict_id, 5, 1, 1, H4_E_CORRUPT},
        {0x21, dict_id_one, 2, 1, 0, H4_E_DICTIONARY},
        {0x40, big_window, 2, 1, 0, H4_E_CORRUPT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = hand_frame(f, cases[i].fhd, cases[i].fields, cases[i].bytes, cases[i].checksum ? sum : NULL,
                              cases[i].trailing);
        int64_t expected = cases[i].expected;
        int64_t r[3];
        memset(out, 0, sizeof out);
        r[0] = h4_decompress(ctx, out, sizeof out, f, n);
        CHECK(expected < 0 || memcmp(out, "abc", 3) == 0);
        r[1] = h4_decompress_unchecked(ctx, out, sizeof out, f, n);
        r[2] = h4_decompress_begin(ctx, f, n, 1);
        for (int k = 0; k < 3; k++) {
            if (r[k] != expected) {
                fprintf(stderr, "hand-made frame %zu, decoder %d: %s, expected %s\n", i, k, h4_error_name(r[k]),
                        h4_error_name(expected));
                failures++;
            }
        }
    }
}

/*
 * A frame whose header a flip damaged so that it declares no size the caller can take (none, or more than out
 * holds): the size query fails with one of its codes, and every decoder, given all of out, refuses the frame: with
 * that code (they check the header as the query does), or as too large for out. Never a success, whatever bytes.
 */
static void refused_by_every_decoder(h4_ctx *ctx, int64_t declared, const unsigned char *damaged, size_t n,
                                     unsigned char *out, size_t cap, int64_t at, unsigned mask) {
    CHECK(declared > (int64_t)cap || declared == H4_E_CORRUPT || declared == H4_E_SIZE_UNKNOWN
          || declared == H4_E_SRC_TOO_LARGE);
    EACH_DECODER(decode) {
        int64_t r = decode(ctx, out, cap, damaged, n);
        if (declared < 0 ? r != declared : r != H4_E_DST_TOO_SMALL && r != H4_E_CORRUPT) {
            fprintf(stderr, "decoder %zu gives %s for a frame whose size query gives %lld (byte %lld ^ 0x%02x)\n",
                    decode_i, h4_error_name(r), (long long)declared, (long long)at, mask);
            failures++;
        }
    }
}

/*
 * Every byte of a frame flipped (and every bit of its header: magic number, descriptor, window, size) decodes to
 * the original or fails as corrupt: never a wrong answer.
 */
#define HEADER_BYTES 14
static void test_every_flip(h4_ctx *ctx) {
    unsigned char *in = sample(3000, 5);
    unsigned char c[4000], damaged[4000], out[70000];
    int64_t clen = h4_compress(ctx, c, sizeof c, in, 3000, 3);
    CHECK(clen > 0);
    int header_refusals = 0;
    for (int64_t at = 0; at < clen; at++) for (int bit = -1; bit < (at < HEADER_BYTES ? 8 : 0); bit++) {
        unsigned mask = bit < 0 ? 0xFFu : 1u << bit;
        memcpy(damaged, c, (size_t)clen);
        damaged[at] ^= (unsigned char)mask;
        int64_t declared = h4_decompressed_size(damaged, (size_t)clen);
        if (declared < 0 || declared > (int64_t)sizeof out) {
            refused_by_every_decoder(ctx, declared, damaged, (size_t)clen, out, sizeof out, at, mask);
            header_refusals++;
            continue;
        }
        int64_t r = h4_decompress(ctx, out, (size_t)declared, damaged, (size_t)clen);
        if (r >= 0) {
            CHECK(r == 3000 && memcmp(out, in, 3000) == 0);
        } else {
            CHECK(r == H4_E_CORRUPT || r == H4_E_CHECKSUM);
        }
        /* Unchecked: the declared size or an error, never H4_E_CHECKSUM; a damaged checksum alone still decodes. */
        int64_t u = h4_decompress_unchecked(ctx, out, (size_t)declared, damaged, (size_t)clen);
        CHECK(u == declared || u == H4_E_CORRUPT);
        if (at >= clen - 4) {
            CHECK(u == 3000 && memcmp(out, in, 3000) == 0);
        }
        /* In steps, the same answers. */
        CHECK(stepped_checked(ctx, out, (size_t)declared, damaged, (size_t)clen) == r);
        if (r >= 0) {
            CHECK(memcmp(out, in, 3000) == 0);
        }
        CHECK(stepped_unchecked(ctx, out, (size_t)declared, damaged, (size_t)clen) == u);
    }
    CHECK(header_refusals > 0); /* the magic number's bytes at least */
    free(in);
}

/* Stepping: each step's bytes are final when it returns, the size comes only with the checked end, misuse is typed. */
static void test_steps(h4_ctx *ctx) {
    size_t n = 1 << 20;
    unsigned char *in = sample(n, 21);
    size_t cap = h4_compress_bound(n);
    unsigned char *c = malloc(cap);
    unsigned char *out = malloc(n);
    int64_t clen = h4_compress(ctx, c, cap, in, n, 3);
    CHECK(clen > 0);

    CHECK(h4_decompress_begin(ctx, c, (size_t)clen, 1) == (int64_t)n);
    int64_t done = 0;
    int steps = 0;
    while (done >= 0 && done < (int64_t)n) {
        int64_t before = done;
        done = h4_decompress_step(ctx, out, n, c, (size_t)clen, 64 * 1024);
        steps++;
        CHECK(done >= before + 64 * 1024 || done == (int64_t)n);
        CHECK(done > 0 && memcmp(out, in, (size_t)done) == 0);
    }
    CHECK(done == (int64_t)n && steps >= 4 && steps <= 16);

    /* A damaged checksum: the steps give the bytes, but never the size. */
    c[clen - 1] ^= 1;
    CHECK(h4_decompress_begin(ctx, c, (size_t)clen, 1) == (int64_t)n);
    do {
        done = h4_decompress_step(ctx, out, n, c, (size_t)clen, 64 * 1024);
    } while (done >= 0 && done < (int64_t)n);
    CHECK(done == H4_E_CHECKSUM);
    CHECK(h4_decompress_step(ctx, out, n, c, (size_t)clen, 64 * 1024) == H4_E_NOT_BEGUN);
    c[clen - 1] ^= 1;

    /* Misuse: no frame begun, a smaller dst, another decompression or frame in between, NULLs. */
    h4_ctx *fresh = h4_ctx_create();
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) == H4_E_NOT_BEGUN);
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen - 1, 1) == H4_E_CORRUPT);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) == H4_E_NOT_BEGUN);
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n - 1, c, (size_t)clen, 1) == H4_E_DST_TOO_SMALL);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) == H4_E_NOT_BEGUN);
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) > 0);
    CHECK(h4_decompress_unchecked(fresh, out, n, c, (size_t)clen) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) == H4_E_NOT_BEGUN);
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n, c, 10, 1) == H4_E_CORRUPT); /* another, shorter src */
    CHECK(h4_decompress_begin(NULL, c, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_begin(fresh, NULL, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_step(NULL, out, n, c, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_step(fresh, NULL, n, c, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_step(fresh, out, n, NULL, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    /* a NULL is an error like any other: it ends the frame */
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n, NULL, (size_t)clen, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 1) == H4_E_NOT_BEGUN);
    /* min_output 0 still decodes a block */
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, out, n, c, (size_t)clen, 0) > 0);
    /* another frame in a later step: an error, never that frame's answer (its size, or a loop that never ends) */
    unsigned char *other_in = sample(2 * n, 22);
    size_t other_cap = h4_compress_bound(2 * n);
    unsigned char *other = malloc(other_cap);
    int64_t olen = h4_compress(fresh, other, other_cap, other_in, 2 * n, 3);
    unsigned char *big = malloc(2 * n);
    CHECK(h4_decompress_begin(fresh, c, (size_t)clen, 0) == (int64_t)n);
    CHECK(h4_decompress_step(fresh, big, 2 * n, c, (size_t)clen, 1) > 0);
    int64_t r = 0;
    for (int guard = 0; guard < 1000 && r >= 0 && r < (int64_t)n; guard++) {
        r = h4_decompress_step(fresh, big, 2 * n, other, (size_t)olen, 1);
    }
    CHECK(r == H4_E_CORRUPT);
    free(other_in); free(other); free(big);
    h4_ctx_free(fresh);
    free(in); free(c); free(out);
}

static void test_names_and_info(void) {
    CHECK(h4_abi_version() == H4_ABI_VERSION);
    CHECK(strcmp(h4_error_name(H4_E_CORRUPT), "H4_E_CORRUPT") == 0);
    CHECK(strcmp(h4_error_name(H4_E_NOT_BEGUN), "H4_E_NOT_BEGUN") == 0);
    CHECK(strcmp(h4_error_name(7), "H4_OK") == 0);
    CHECK(strcmp(h4_error_name(-1000), "H4_E_UNKNOWN") == 0);
    const char *info = h4_info();
    CHECK(strstr(info, "\"id\":\"h4-core\"") != NULL);
    CHECK(strstr(info, "\"codec\":\"zstd\"") != NULL);
    CHECK(strstr(info, ZSTD_versionString()) != NULL);
    CHECK(strchr(info, '/') == NULL);
    CHECK(h4_min_level() < 0 && h4_max_level() >= 19);
}

/* Many threads, each with its own context, must produce the bytes one thread produces. */
#define THREADS 8
static unsigned char *shared_input;
static size_t shared_n = 300000;
static unsigned char expected[400000];
static int64_t expected_len;

static void *worker(void *arg) {
    (void)arg;
    h4_ctx *ctx = h4_ctx_create();
    unsigned char *c = malloc(h4_compress_bound(shared_n));
    int ok = 1;
    for (int round = 0; round < 20 && ok; round++) {
        int64_t len = h4_compress(ctx, c, h4_compress_bound(shared_n), shared_input, shared_n, 3);
        ok = len == expected_len && memcmp(c, expected, (size_t)len) == 0;
    }
    free(c);
    h4_ctx_free(ctx);
    return ok ? NULL : (void *)1;
}

static void test_threads(h4_ctx *ctx) {
    shared_input = sample(shared_n, 99);
    expected_len = h4_compress(ctx, expected, sizeof expected, shared_input, shared_n, 3);
    CHECK(expected_len > 0);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, NULL);
    }
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        CHECK(r == NULL);
    }
    free(shared_input);
}

int main(void) {
    h4_ctx *ctx = h4_ctx_create();
    CHECK(ctx != NULL);
    test_round_trip_sizes(ctx);
    test_errors(ctx);
    test_damaged_checksum(ctx);
    test_foreign_frames(ctx);
    test_frame_checks(ctx);
    test_every_flip(ctx);
    test_steps(ctx);
    test_names_and_info();
    test_threads(ctx);
    h4_ctx_free(ctx);
    h4_ctx_free(NULL);
    if (failures) {
        fprintf(stderr, "h4core_test: %d check(s) failed\n", failures);
        return 1;
    }
    printf("h4core_test: all checks passed\n");
    return 0;
}
