/*
 * Unit tests of the dictionaries (ABI 5 to 7): training that gives the same bytes twice, on two threads, and the bytes
 * pinned for libzstd 1.5.4; round trips with trained and raw-content dictionaries; frames refused for another
 * dictionary, for none, and when damaged (every byte flipped, every truncation), read from buffers that end at an
 * unreadable page; h4_frame_dict_id and h4_frame_info; any bytes as raw content (h4_dict_create_raw), digested once
 * where libzstd can; the checked compressor (h4_compress_dict_verified); one h4_dict shared by threads;
 * the errors. Exits non-zero on a failure.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "h4core.h"
#include "guarded.h"

#include <limits.h>
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

/* SHA-256 (FIPS 180-4), for the pinned dictionary: the test needs no library but libzstd. */
static uint32_t ror(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void sha256_block(uint32_t h[8], const uint8_t *p) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64], s[8];
    for (int i = 0; i < 16; i++) {
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        w[i] = w[i - 16] + (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ w[i - 15] >> 3) + w[i - 7]
               + (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10);
    }
    memcpy(s, h, sizeof s);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = s[7] + (ror(s[4], 6) ^ ror(s[4], 11) ^ ror(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + k[i]
                      + w[i];
        uint32_t t2 = (ror(s[0], 2) ^ ror(s[0], 13) ^ ror(s[0], 22)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
        memmove(s + 1, s, 7 * sizeof *s);
        s[4] += t1;
        s[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++) {
        h[i] += s[i];
    }
}

static void sha256_hex(const uint8_t *p, size_t n, char hex[65]) {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t whole = n / 64 * 64;
    for (size_t at = 0; at < whole; at += 64) {
        sha256_block(h, p + at);
    }
    uint8_t last[128] = {0};
    size_t rest = n - whole, padded = rest < 56 ? 64 : 128;
    memcpy(last, p + whole, rest);
    last[rest] = 0x80;
    for (int i = 0; i < 8; i++) {
        last[padded - 1 - i] = (uint8_t)((uint64_t)n * 8 >> (8 * i));
    }
    for (size_t at = 0; at < padded; at += 64) {
        sha256_block(h, last + at);
    }
    for (int i = 0; i < 8; i++) {
        snprintf(hex + 8 * i, 9, "%08x", h[i]);
    }
}

/* Small JSON records, seeded: the kind of message a dictionary is for. */
struct samples {
    unsigned char *bytes;
    size_t *sizes;
    size_t count;
    size_t total;
};

static unsigned next(unsigned *seed) {
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

static struct samples records(size_t count, unsigned seed) {
    static const char *const users[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    struct samples s = {malloc(count * 200), malloc(count * sizeof(size_t)), count, 0};
    for (size_t i = 0; i < count; i++) {
        unsigned f[6]; /* drawn in order: arguments have none */
        for (int k = 0; k < 6; k++) {
            f[k] = next(&seed);
        }
        int n = snprintf((char *)s.bytes + s.total, 200,
                         "{\"id\":%u,\"user\":\"%s\",\"score\":%u,\"tags\":[\"t%u\",\"t%u\"],\"ok\":%s}",
                         f[0] % 100000, users[f[1] % 8], f[2] % 1000, f[3] % 20, f[4] % 20, f[5] % 2 ? "true" : "false");
        s.sizes[i] = (size_t)n;
        s.total += (size_t)n;
    }
    return s;
}

static void free_samples(struct samples s) {
    free(s.bytes);
    free(s.sizes);
}

#define DICT_CAPACITY 16384
struct trained {
    unsigned char bytes[DICT_CAPACITY];
    int64_t size;
};

static struct trained train(struct samples s) {
    struct trained t;
    t.size = h4_dict_train(t.bytes, sizeof t.bytes, s.bytes, s.sizes, s.count);
    return t;
}

static int same_dictionary(const struct trained *a, const struct trained *b) {
    return a->size > 0 && a->size == b->size && memcmp(a->bytes, b->bytes, (size_t)a->size) == 0;
}

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The samples every thread trains on, and what one thread made of them. */
static struct samples training_set;
static struct trained first_training;

static void *train_again(void *arg) {
    (void)arg;
    struct trained *t = malloc(sizeof *t);
    *t = train(training_set);
    return t;
}

/*
 * What the builder made of these 1000 records with libzstd 1.5.4 (Debian 12's libzstd1 1.5.4+dfsg2), its size and
 * SHA-256, since ABI 6 (the samples in `zstd --train`'s order; ABI 5 made 43d49b76...). Another libzstd may build
 * another dictionary; determinism is then still checked within the run.
 */
#define PINNED_ZSTD "1.5.4"
#define PINNED_SIZE 16384
#define PINNED_SHA256 "7e26cc405e63ebad6b72e07af89d0a50a3f6942a8863ebafc5ae4731d0db9b4d"

static void test_training_is_deterministic(void) {
    training_set = records(1000, 42);
    first_training = train(training_set);
    CHECK(first_training.size > 0 && first_training.size <= DICT_CAPACITY);
    CHECK(le32(first_training.bytes) == 0xEC30A437u); /* zstd's dictionary magic */
    struct trained again = train(training_set);
    CHECK(same_dictionary(&first_training, &again));
    pthread_t threads[2];
    for (int i = 0; i < 2; i++) {
        CHECK(pthread_create(&threads[i], NULL, train_again, NULL) == 0);
    }
    for (int i = 0; i < 2; i++) {
        void *t;
        pthread_join(threads[i], &t);
        CHECK(same_dictionary(&first_training, t));
        free(t);
    }
    char hex[65];
    sha256_hex(first_training.bytes, (size_t)first_training.size, hex);
    if (strcmp(ZSTD_versionString(), PINNED_ZSTD) == 0) {
        if (first_training.size != PINNED_SIZE || strcmp(hex, PINNED_SHA256) != 0) {
            fprintf(stderr, "trained dictionary: %lld bytes, sha256 %s; pinned: %d bytes, %s\n",
                    (long long)first_training.size, hex, PINNED_SIZE, PINNED_SHA256);
            failures++;
        }
    } else {
        printf("h4dict_test: skipped the pinned dictionary: it is libzstd %s's, this is %s\n", PINNED_ZSTD,
               ZSTD_versionString());
    }
}

static void test_training_errors(void) {
    struct samples s = records(100, 7);
    unsigned char dict[1024];
    size_t tiny[7] = {1, 1, 1, 1, 1, 1, 1};
    size_t huge[2] = {(size_t)UINT32_MAX - 10, 20};
    CHECK(h4_dict_train(NULL, sizeof dict, s.bytes, s.sizes, s.count) == H4_E_NULL_ARGUMENT);
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, NULL, s.count) == H4_E_NULL_ARGUMENT);
    CHECK(h4_dict_train(dict, sizeof dict, NULL, s.sizes, s.count) == H4_E_NULL_ARGUMENT);
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, s.sizes, 0) == H4_E_TRAINING);
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, s.sizes, 6) == H4_E_TRAINING);  /* 5 to train, 1 to test */
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, tiny, 7) == H4_E_TRAINING);     /* 7 bytes in all */
    CHECK(h4_dict_train(dict, 255, s.bytes, s.sizes, s.count) == H4_E_DST_TOO_SMALL);
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, huge, 2) == H4_E_SRC_TOO_LARGE); /* refused before reading */
    CHECK(h4_dict_train(dict, sizeof dict, s.bytes, s.sizes, (size_t)UINT_MAX + 1) == H4_E_SRC_TOO_LARGE);
    /* The least the builder takes makes a dictionary that loads. */
    int64_t size = h4_dict_train(dict, sizeof dict, s.bytes, s.sizes, 7);
    CHECK(size > 0 && size <= (int64_t)sizeof dict);
    int64_t error = 1;
    h4_dict *made = h4_dict_create(dict, (size_t)size, 3, &error);
    CHECK(made != NULL && error == 0 && h4_dict_id(made) == le32(dict + 4));
    h4_dict_free(made);
    free_samples(s);
}

/* src compressed with dict, decoded from a buffer that ends at an unreadable page into one that does too. */
static int64_t round_trip(h4_ctx *ctx, const h4_dict *dict, const unsigned char *src, size_t n) {
    size_t cap = h4_compress_bound(n);
    unsigned char *c = malloc(cap);
    int64_t clen = h4_compress_dict(ctx, dict, c, cap, src, n);
    CHECK(clen > 0 && (size_t)clen <= cap);
    if (clen <= 0) {
        free(c);
        return clen;
    }
    struct guarded frame = guarded((size_t)clen), out = guarded(n);
    memcpy(frame.bytes, c, (size_t)clen);
    CHECK(h4_frame_dict_id(frame.bytes, (size_t)clen) == h4_dict_id(dict));
    CHECK(h4_decompressed_size(frame.bytes, (size_t)clen) == (int64_t)n);
    CHECK((frame.bytes[4] & 0x04) != 0); /* the descriptor's content checksum flag */
    CHECK(h4_decompress_dict(ctx, dict, out.bytes, n, frame.bytes, (size_t)clen) == (int64_t)n);
    CHECK(n == 0 || memcmp(out.bytes, src, n) == 0);
    /* The checked compressor (ABI 7) makes the same frame, reading src up to an unreadable page. */
    struct guarded input = guarded(n);
    memcpy(input.bytes, src, n);
    unsigned char *checked = malloc(cap);
    CHECK(h4_compress_dict_verified(ctx, dict, checked, cap, input.bytes, n) == clen
          && memcmp(checked, c, (size_t)clen) == 0);
    free(checked);
    unguard(input);
    if (h4_dict_id(dict) != 0) { /* no decoder without the dictionary takes a frame that names one */
        CHECK(h4_decompress(ctx, out.bytes, n, frame.bytes, (size_t)clen) == H4_E_DICTIONARY);
        CHECK(h4_decompress_unchecked(ctx, out.bytes, n, frame.bytes, (size_t)clen) == H4_E_DICTIONARY);
        CHECK(h4_decompress_begin(ctx, frame.bytes, (size_t)clen, 1) == H4_E_DICTIONARY);
    }
    unguard(frame);
    unguard(out);
    free(c);
    return clen;
}

static void test_round_trips(h4_ctx *ctx) {
    struct samples messages = records(600, 9); /* other records than the training set's */
    const int levels[] = {-5, 1, 3, 19};
    for (size_t l = 0; l < sizeof levels / sizeof *levels; l++) {
        int64_t error = 1;
        h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, levels[l], &error);
        CHECK(dict != NULL && error == 0);
        if (dict == NULL) {
            continue;
        }
        CHECK(h4_dict_id(dict) == le32(first_training.bytes + 4) && h4_dict_id(dict) != 0);
        round_trip(ctx, dict, messages.bytes, 0);
        round_trip(ctx, dict, messages.bytes, 1);
        round_trip(ctx, dict, messages.bytes, messages.sizes[0]);
        round_trip(ctx, dict, messages.bytes, messages.total); /* larger than the dictionary's window share */
        /* The dictionary pays: a record compresses smaller with it than without. */
        unsigned char plain[512];
        int64_t with = round_trip(ctx, dict, messages.bytes, messages.sizes[0]);
        int64_t without = h4_compress(ctx, plain, sizeof plain, messages.bytes, messages.sizes[0], levels[l]);
        CHECK(with > 0 && without > 0 && with < without);
        h4_dict_free(dict);
    }
    /* Raw content: some records as they are, and nothing at all. */
    const size_t raw_sizes[] = {messages.sizes[0] + messages.sizes[1] + messages.sizes[2], 0};
    for (size_t r = 0; r < 2; r++) {
        h4_dict *raw = h4_dict_create(messages.bytes, raw_sizes[r], 3, NULL);
        CHECK(raw != NULL && h4_dict_id(raw) == 0);
        round_trip(ctx, raw, messages.bytes, messages.sizes[0]);
        round_trip(ctx, raw, messages.bytes, messages.total);
        h4_dict_free(raw);
    }
    free_samples(messages);
}

static int64_t compress_with(h4_ctx *ctx, const h4_dict *dict, unsigned char *dst, size_t cap, const void *src,
                             size_t n) {
    int64_t clen = h4_compress_dict(ctx, dict, dst, cap, src, n);
    CHECK(clen > 0);
    return clen;
}

/* A frame decoded with a dictionary it was not made with: refused, by the dictID when it names one. */
static void test_wrong_dictionary(h4_ctx *ctx) {
    struct samples other_set = records(1000, 4242), messages = records(3, 77);
    struct trained other = train(other_set);
    h4_dict *a = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    h4_dict *b = h4_dict_create(other.bytes, (size_t)other.size, 3, NULL);
    h4_dict *raw1 = h4_dict_create(first_training.bytes + first_training.size - 2000, 2000, 3, NULL);
    h4_dict *raw2 = h4_dict_create(other.bytes + other.size - 2000, 2000, 3, NULL);
    CHECK(a && b && raw1 && raw2 && h4_dict_id(a) != h4_dict_id(b));
    unsigned char c[1024], out[1024];
    size_t n = messages.sizes[0];
    int64_t clen = compress_with(ctx, a, c, sizeof c, messages.bytes, n);
    CHECK(h4_decompress_dict(ctx, b, out, sizeof out, c, (size_t)clen) == H4_E_DICTIONARY);
    CHECK(h4_decompress_dict_unchecked(ctx, b, out, sizeof out, c, (size_t)clen) == H4_E_DICTIONARY);
    CHECK(h4_decompress_dict(ctx, raw1, out, sizeof out, c, (size_t)clen) == H4_E_DICTIONARY);
    CHECK(h4_decompress_dict(ctx, a, out, sizeof out, c, (size_t)clen) == (int64_t)n);
    /* Raw content names no dictID: another dictionary's content is caught by the checksum or the blocks. */
    clen = compress_with(ctx, raw1, c, sizeof c, first_training.bytes + first_training.size - 300, 300);
    int64_t r = h4_decompress_dict(ctx, raw2, out, sizeof out, c, (size_t)clen);
    CHECK(r == H4_E_CHECKSUM || r == H4_E_CORRUPT);
    r = h4_decompress(ctx, out, sizeof out, c, (size_t)clen);
    CHECK(r == H4_E_CHECKSUM || r == H4_E_CORRUPT);
    /* A frame made without a dictionary, decoded with one (zstd applies it): the same bytes, or refused. */
    clen = h4_compress(ctx, c, sizeof c, messages.bytes, n, 3);
    r = h4_decompress_dict(ctx, a, out, sizeof out, c, (size_t)clen);
    CHECK((r == (int64_t)n && memcmp(out, messages.bytes, n) == 0) || r == H4_E_CHECKSUM || r == H4_E_CORRUPT);
    /* dictIDs of every width the frame header has (1, 2 and 4 bytes): named, read back, matched exactly. */
    const uint32_t ids[] = {200, 40000, 0x12345678u};
    unsigned char *patched = malloc((size_t)first_training.size);
    for (size_t i = 0; i < 3; i++) {
        memcpy(patched, first_training.bytes, (size_t)first_training.size);
        for (int k = 0; k < 4; k++) {
            patched[4 + k] = (unsigned char)(ids[i] >> (8 * k));
        }
        h4_dict *p = h4_dict_create(patched, (size_t)first_training.size, 3, NULL);
        CHECK(p != NULL && h4_dict_id(p) == ids[i]);
        clen = compress_with(ctx, p, c, sizeof c, messages.bytes, n);
        CHECK(h4_frame_dict_id(c, (size_t)clen) == ids[i]);
        CHECK(h4_decompress_dict(ctx, p, out, sizeof out, c, (size_t)clen) == (int64_t)n);
        CHECK(memcmp(out, messages.bytes, n) == 0);
        CHECK(h4_decompress_dict(ctx, a, out, sizeof out, c, (size_t)clen) == H4_E_DICTIONARY);
        CHECK(h4_decompress(ctx, out, sizeof out, c, (size_t)clen) == H4_E_DICTIONARY);
        h4_dict_free(p);
    }
    free(patched);
    h4_dict_free(a);
    h4_dict_free(b);
    h4_dict_free(raw1);
    h4_dict_free(raw2);
    free_samples(other_set);
    free_samples(messages);
}

/* What a decoder may answer for a damaged frame: the original bytes, or one of these. */
static int refused(int64_t r) {
    return r == H4_E_CORRUPT || r == H4_E_CHECKSUM || r == H4_E_DICTIONARY || r == H4_E_SIZE_UNKNOWN
           || r == H4_E_DST_TOO_SMALL || r == H4_E_SRC_TOO_LARGE;
}

/*
 * Every byte of a dictionary's frame flipped (every bit of its header too), and every truncation, read from a
 * buffer that ends at an unreadable page: with the dictionary and without, the original bytes or an error.
 */
#define HEADER_BYTES 12
static void test_damaged_frames(h4_ctx *ctx) {
    struct samples messages = records(20, 31);
    size_t n = messages.total;
    h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    unsigned char c[4096], out[70000];
    int64_t clen = compress_with(ctx, dict, c, sizeof c, messages.bytes, n);
    int dictionary_refusals = 0, checksum_refusals = 0;
    for (int64_t at = 0; at < clen; at++) for (int bit = -1; bit < (at < HEADER_BYTES ? 8 : 0); bit++) {
        unsigned mask = bit < 0 ? 0xFFu : 1u << bit;
        struct guarded damaged = guarded((size_t)clen);
        memcpy(damaged.bytes, c, (size_t)clen);
        damaged.bytes[at] ^= (unsigned char)mask;
        int64_t with = h4_decompress_dict(ctx, dict, out, sizeof out, damaged.bytes, (size_t)clen);
        CHECK(with >= 0 ? with == (int64_t)n && memcmp(out, messages.bytes, n) == 0 : refused(with));
        /* ABI 8: without the checksum's check, a damaged checksum passes and anything else is as with it */
        int64_t unchecked = h4_decompress_dict_unchecked(ctx, dict, out, sizeof out, damaged.bytes, (size_t)clen);
        CHECK(unchecked == H4_E_CHECKSUM ? 0
              : at >= clen - 4 ? unchecked == (int64_t)n && memcmp(out, messages.bytes, n) == 0
              : unchecked >= 0 ? unchecked == (int64_t)n : refused(unchecked));
        int64_t without = h4_decompress(ctx, out, sizeof out, damaged.bytes, (size_t)clen);
        CHECK(without >= 0 ? without == (int64_t)n && memcmp(out, messages.bytes, n) == 0 : refused(without));
        int64_t named = h4_frame_dict_id(damaged.bytes, (size_t)clen);
        CHECK(named >= 0 || named == H4_E_CORRUPT);
        dictionary_refusals += with == H4_E_DICTIONARY;
        checksum_refusals += with == H4_E_CHECKSUM;
        unguard(damaged);
    }
    CHECK(dictionary_refusals > 0 && checksum_refusals > 0); /* the dictID's bytes, the checksum's */
    int64_t last_named = H4_E_CORRUPT;
    for (int64_t len = 0; len <= clen + 1; len++) {
        struct guarded cut = guarded((size_t)len);
        memcpy(cut.bytes, c, (size_t)(len <= clen ? len : clen));
        int64_t r = h4_decompress_dict(ctx, dict, out, sizeof out, cut.bytes, (size_t)len);
        CHECK(len == clen ? r == (int64_t)n : r == H4_E_CORRUPT);
        r = h4_decompress_dict_unchecked(ctx, dict, out, sizeof out, cut.bytes, (size_t)len);
        CHECK(len == clen ? r == (int64_t)n : r == H4_E_CORRUPT);
        /* The header's dictID, once the whole header is there; before, the header is refused. */
        int64_t named = h4_frame_dict_id(cut.bytes, (size_t)len);
        CHECK(named == H4_E_CORRUPT ? last_named == H4_E_CORRUPT : named == h4_dict_id(dict));
        last_named = named;
        unguard(cut);
    }
    CHECK(last_named == h4_dict_id(dict));
    h4_dict_free(dict);
    free_samples(messages);
}

/*
 * Whatever follows a whole frame is refused with H4_E_CORRUPT, with or without the checksum's check, into exactly
 * the declared size or more, with a dictionary, as raw content or none: libzstd alone would skip a skippable frame
 * and decode an empty frame after the first into nothing, so the decoders, which decode a frame before walking it
 * (ABI 8, since 2026-12-02), must still hold it to ending where the input ends. The frame alone still decodes.
 */
static void test_what_follows_a_frame(h4_ctx *ctx) {
    struct samples messages = records(3, 41);
    size_t n = messages.total;
    h4_dict *zstd_format = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    h4_dict *raw = h4_dict_create_raw(first_training.bytes, 4096, 3, NULL);
    CHECK(zstd_format != NULL && raw != NULL);
    const h4_dict *dicts[3] = {zstd_format, raw, NULL};
    static const unsigned char skippable[12] = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
    static const unsigned char garbage[8] = {0x28, 0xB5, 0x2F, 0xFD, 0, 0, 0, 0};
    for (int d = 0; d < 3; d++) {
        unsigned char c[8192], empty[64], out[8192];
        int64_t clen = dicts[d] != NULL ? compress_with(ctx, dicts[d], c, sizeof c, messages.bytes, n)
                                        : h4_compress(ctx, c, sizeof c, messages.bytes, n, 3);
        int64_t elen = dicts[d] != NULL ? h4_compress_dict(ctx, dicts[d], empty, sizeof empty, "", 0)
                                        : h4_compress(ctx, empty, sizeof empty, "", 0, 3);
        CHECK(clen > 0 && elen > 0 && (size_t)(clen + clen) <= sizeof c);
        struct {
            const unsigned char *bytes;
            size_t size;
        } tails[] = {{skippable, sizeof skippable}, {empty, (size_t)elen}, {c, (size_t)clen}, {garbage, 1},
                     {garbage, 4}, {garbage, 5}, {garbage, sizeof garbage}};
        for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
            size_t total = (size_t)clen + tails[t].size;
            struct guarded followed = guarded(total);
            memcpy(followed.bytes, c, (size_t)clen);
            memcpy(followed.bytes + clen, tails[t].bytes, tails[t].size);
            for (size_t cap = n; cap <= n + 64; cap += 64) {
                if (dicts[d] != NULL) {
                    CHECK(h4_decompress_dict(ctx, dicts[d], out, cap, followed.bytes, total) == H4_E_CORRUPT);
                    CHECK(h4_decompress_dict_unchecked(ctx, dicts[d], out, cap, followed.bytes, total)
                          == H4_E_CORRUPT);
                } else {
                    CHECK(h4_decompress(ctx, out, cap, followed.bytes, total) == H4_E_CORRUPT);
                    CHECK(h4_decompress_unchecked(ctx, out, cap, followed.bytes, total) == H4_E_CORRUPT);
                }
            }
            unguard(followed);
        }
        memset(out, 0, sizeof out);
        CHECK((dicts[d] != NULL ? h4_decompress_dict(ctx, dicts[d], out, n, c, (size_t)clen)
                                : h4_decompress(ctx, out, n, c, (size_t)clen)) == (int64_t)n);
        CHECK(memcmp(out, messages.bytes, n) == 0);
    }
    h4_dict_free(zstd_format);
    h4_dict_free(raw);
    free_samples(messages);
}

static void test_errors(h4_ctx *ctx) {
    int64_t error = 0;
    CHECK(h4_dict_create(NULL, 10, 3, &error) == NULL && error == H4_E_NULL_ARGUMENT);
    CHECK(h4_dict_create(NULL, 10, 3, NULL) == NULL);
    CHECK(h4_dict_create(first_training.bytes, 100, h4_max_level() + 1, &error) == NULL && error == H4_E_BAD_LEVEL);
    CHECK(h4_dict_create(first_training.bytes, 100, h4_min_level() - 1, &error) == NULL && error == H4_E_BAD_LEVEL);
    /* zstd's magic with damaged tables, or none at all, is a damaged dictionary, not raw content. */
    unsigned char damaged[DICT_CAPACITY];
    memcpy(damaged, first_training.bytes, (size_t)first_training.size);
    memset(damaged + 8, 0xFF, 64);
    CHECK(h4_dict_create(damaged, (size_t)first_training.size, 3, &error) == NULL && error == H4_E_CORRUPT);
    CHECK(h4_dict_create(damaged, 8, 3, &error) == NULL && error == H4_E_CORRUPT);
    h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, &error);
    CHECK(dict != NULL && error == 0);
    unsigned char in[100] = {1, 2, 3}, c[300], out[100];
    CHECK(h4_compress_dict(ctx, NULL, c, sizeof c, in, sizeof in) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict(NULL, dict, c, sizeof c, in, sizeof in) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict(ctx, dict, NULL, sizeof c, in, sizeof in) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict(ctx, dict, c, sizeof c, NULL, 1) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict(ctx, dict, c, 3, in, sizeof in) == H4_E_DST_TOO_SMALL);
    int64_t clen = compress_with(ctx, dict, c, sizeof c, in, sizeof in);
    CHECK(h4_decompress_dict(ctx, NULL, out, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict(NULL, dict, out, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict(ctx, dict, out, sizeof out, NULL, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict(ctx, dict, out, sizeof out - 1, c, (size_t)clen) == H4_E_DST_TOO_SMALL);
    CHECK(h4_decompress_dict_unchecked(ctx, NULL, out, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict_unchecked(NULL, dict, out, sizeof out, c, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict_unchecked(ctx, dict, out, sizeof out, NULL, (size_t)clen) == H4_E_NULL_ARGUMENT);
    CHECK(h4_decompress_dict_unchecked(ctx, dict, out, sizeof out - 1, c, (size_t)clen) == H4_E_DST_TOO_SMALL);
    CHECK(h4_decompress_dict_unchecked(ctx, dict, out, sizeof out, c, (size_t)clen) == (int64_t)sizeof in
          && memcmp(out, in, sizeof in) == 0);
    const unsigned char skippable[12] = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
    CHECK(h4_frame_dict_id(NULL, 10) == H4_E_NULL_ARGUMENT);
    CHECK(h4_frame_dict_id(in, 0) == H4_E_CORRUPT);
    CHECK(h4_frame_dict_id(in, sizeof in) == H4_E_CORRUPT);
    CHECK(h4_frame_dict_id(skippable, sizeof skippable) == H4_E_CORRUPT);
    CHECK(h4_frame_dict_id(c, (size_t)clen) == h4_dict_id(dict));
    CHECK(h4_dict_id(NULL) == 0);
    CHECK(strcmp(h4_error_name(H4_E_DICTIONARY), "H4_E_DICTIONARY") == 0);
    CHECK(strcmp(h4_error_name(H4_E_TRAINING), "H4_E_TRAINING") == 0);
    h4_dict_free(dict);
    h4_dict_free(NULL);
}

/*
 * h4_dict_create_raw (ABI 6): a zstd-format dictionary's bytes as raw content, as RFC 9842's dcz applies them. Its
 * frames name no dictID and decode with libzstd's own raw-prefix decoder (ZSTD_DCtx_refPrefix), as a dcz client's
 * would; other bytes are digested as h4_dict_create digests them, so their frames stay byte for byte the same.
 */
static void test_raw_content_of_any_bytes(h4_ctx *ctx) {
    struct samples messages = records(60, 77);
    int64_t error = 1;
    h4_dict *raw = h4_dict_create_raw(first_training.bytes, (size_t)first_training.size, 3, &error);
    CHECK(raw != NULL && error == 0 && h4_dict_id(raw) == 0);
    if (raw == NULL) {
        return;
    }
    round_trip(ctx, raw, messages.bytes, 0);
    round_trip(ctx, raw, messages.bytes, messages.sizes[0]);
    round_trip(ctx, raw, messages.bytes, messages.total);
    unsigned char c[16384], out[16384], plain[16384];
    int64_t clen = compress_with(ctx, raw, c, sizeof c, messages.bytes, messages.sizes[0]);
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    CHECK(!ZSTD_isError(ZSTD_DCtx_refPrefix(dctx, first_training.bytes, (size_t)first_training.size)));
    size_t decoded = ZSTD_decompressDCtx(dctx, out, sizeof out, c, (size_t)clen);
    CHECK(decoded == messages.sizes[0] && memcmp(out, messages.bytes, decoded) == 0);
    ZSTD_freeDCtx(dctx);
    /* The raw prefix pays too. The zstd-format digest of the same bytes holds only their content part as history
     * (it ends where the prefix ends), so it decodes the frame exactly when no match reaches into the header and
     * tables, and refuses it otherwise: never a wrong answer. */
    int64_t without = h4_compress(ctx, plain, sizeof plain, messages.bytes, messages.sizes[0], 3);
    CHECK(clen < without);
    h4_dict *formatted = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    int64_t other = h4_decompress_dict(ctx, formatted, out, sizeof out, c, (size_t)clen);
    CHECK(other == H4_E_CHECKSUM || other == H4_E_CORRUPT
          || (other == (int64_t)messages.sizes[0] && memcmp(out, messages.bytes, messages.sizes[0]) == 0));
    /* A pooled context keeps no prefix: plain and stepped calls after it answer as on a fresh context. */
    int64_t plen = h4_compress(ctx, plain, sizeof plain, messages.bytes, messages.total, 3);
    h4_ctx *fresh = h4_ctx_create();
    unsigned char again[16384];
    CHECK(plen > 0 && h4_compress(fresh, again, sizeof again, messages.bytes, messages.total, 3) == plen
          && memcmp(plain, again, (size_t)plen) == 0);
    h4_ctx_free(fresh);
    CHECK(h4_decompress_dict(ctx, raw, out, 3, c, (size_t)clen) == H4_E_DST_TOO_SMALL);
    CHECK(h4_decompress(ctx, out, sizeof out, plain, (size_t)plen) == (int64_t)messages.total);
    CHECK(h4_decompress_begin(ctx, plain, (size_t)plen, 1) == (int64_t)messages.total);
    CHECK(h4_decompress_step(ctx, out, sizeof out, plain, (size_t)plen, messages.total) == (int64_t)messages.total);
    CHECK(memcmp(out, messages.bytes, messages.total) == 0);
    /* Bytes without the magic: the same frames as h4_dict_create's. */
    h4_dict *auto_raw = h4_dict_create(messages.bytes, 1000, 3, NULL);
    h4_dict *made_raw = h4_dict_create_raw(messages.bytes, 1000, 3, NULL);
    int64_t alen = compress_with(ctx, auto_raw, plain, sizeof plain, messages.bytes + 1000, messages.total - 1000);
    int64_t rlen = compress_with(ctx, made_raw, again, sizeof again, messages.bytes + 1000, messages.total - 1000);
    CHECK(alen == rlen && memcmp(plain, again, (size_t)alen) == 0 && h4_dict_id(made_raw) == 0);
    /* Errors: as h4_dict_create's, and never a damaged dictionary. */
    CHECK(h4_dict_create_raw(NULL, 10, 3, &error) == NULL && error == H4_E_NULL_ARGUMENT);
    CHECK(h4_dict_create_raw(first_training.bytes, 100, h4_max_level() + 1, &error) == NULL
          && error == H4_E_BAD_LEVEL);
    CHECK(h4_dict_create_raw(messages.bytes, 100, h4_min_level() - 1, NULL) == NULL);
    unsigned char damaged[DICT_CAPACITY];
    memcpy(damaged, first_training.bytes, (size_t)first_training.size);
    memset(damaged + 8, 0xFF, 64);
    h4_dict *any = h4_dict_create_raw(damaged, 8, 3, &error);
    CHECK(any != NULL && error == 0);
    round_trip(ctx, any, messages.bytes, messages.sizes[0]);
    h4_dict_free(any);
    h4_dict_free(auto_raw);
    h4_dict_free(made_raw);
    h4_dict_free(formatted);
    h4_dict_free(raw);
    free_samples(messages);
}

/* A frame made as the stable fallback of h4_dict_create_raw makes it: the bytes referenced as a prefix. */
static size_t compress_with_prefix(unsigned char *dst, size_t cap, const void *prefix, size_t prefix_size,
                                   const void *src, size_t n) {
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    size_t made = ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3))
                          || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1))
                          || ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1))
                          || ZSTD_isError(ZSTD_CCtx_refPrefix(cctx, prefix, prefix_size))
                      ? 0
                      : ZSTD_compress2(cctx, dst, cap, src, n);
    ZSTD_freeCCtx(cctx);
    CHECK(made > 0 && !ZSTD_isError(made));
    return ZSTD_isError(made) ? 0 : made;
}

/*
 * ABI 7: a zstd-format dictionary's bytes as raw content are digested once where the loaded libzstd can (1.4.0 to
 * 1.5.x, which export the experimental call); built with H4_STABLE_ONLY (h4dict_stable_test), or on another libzstd,
 * each frame references them as a prefix, as ABI 6 did. Either way every frame decodes with the bytes as a raw
 * prefix, as a dcz client decodes it.
 */
static void test_raw_content_digested_once(h4_ctx *ctx) {
    struct samples messages = records(40, 991);
    h4_dict *raw = h4_dict_create_raw(first_training.bytes, (size_t)first_training.size, 3, NULL);
    CHECK(raw != NULL);
    if (raw == NULL) {
        return;
    }
    unsigned version = ZSTD_versionNumber();
#if defined(H4_STABLE_ONLY)
    int digested = 0;
#else
    int digested = version >= 10400 && version < 10600;
#endif
    int differs = 0;
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    size_t at = 0;
    for (size_t i = 0; i < messages.count; at += messages.sizes[i], i++) {
        unsigned char made[1024], prefixed[1024], out[1024];
        size_t n = messages.sizes[i];
        int64_t clen = compress_with(ctx, raw, made, sizeof made, messages.bytes + at, n);
        size_t plen = compress_with_prefix(prefixed, sizeof prefixed, first_training.bytes,
                                           (size_t)first_training.size, messages.bytes + at, n);
        differs |= clen <= 0 || (size_t)clen != plen || memcmp(made, prefixed, plen) != 0;
        CHECK(clen > 0 && !ZSTD_isError(ZSTD_DCtx_refPrefix(dctx, first_training.bytes, (size_t)first_training.size)));
        size_t decoded = clen > 0 ? ZSTD_decompressDCtx(dctx, out, sizeof out, made, (size_t)clen) : 0;
        CHECK(decoded == n && memcmp(out, messages.bytes + at, n) == 0);
    }
    /* The digest's tables are built for small messages once, not for each message with it: other frames. */
    CHECK(differs == digested);
    if (differs != digested) {
        fprintf(stderr, "libzstd %u: frames %s the prefix's, expected %s\n", version, differs ? "differ from" : "equal",
                digested ? "a digest" : "the prefix");
    }
    ZSTD_freeDCtx(dctx);
    h4_dict_free(raw);
    free_samples(messages);
}

/* h4_compress_dict_verified (ABI 7): content past what a context keeps (1 MiB), and the errors of h4_compress_dict. */
static void test_verified_compression(h4_ctx *ctx) {
    size_t n = (3u << 20) / 2;
    unsigned char *big = malloc(n);
    unsigned seed = 5;
    for (size_t i = 0; i < n; i++) {
        big[i] = (unsigned char)("{\"user\":\"alice\",\"score\":"[i % 24] + (next(&seed) % 4 == 0));
    }
    h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    h4_dict *raw = h4_dict_create_raw(first_training.bytes, (size_t)first_training.size, 3, NULL);
    CHECK(round_trip(ctx, dict, big, n) > 0);
    CHECK(round_trip(ctx, raw, big, n) > 0);
    /* after the large one, small ones again on the same context */
    CHECK(round_trip(ctx, dict, big, 300) > 0);
    unsigned char dst[64];
    CHECK(h4_compress_dict_verified(ctx, NULL, dst, sizeof dst, big, 100) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict_verified(NULL, dict, dst, sizeof dst, big, 100) == H4_E_NULL_ARGUMENT);
    CHECK(h4_compress_dict_verified(ctx, dict, dst, 8, big, 4000) == H4_E_DST_TOO_SMALL);
    CHECK(h4_compress_dict_verified(ctx, dict, NULL, 0, big, 10) == H4_E_NULL_ARGUMENT);
    CHECK(strcmp(h4_error_name(H4_E_ROUNDTRIP), "H4_E_ROUNDTRIP") == 0);
    h4_dict_free(dict);
    h4_dict_free(raw);
    free(big);
}

/* h4_frame_info (ABI 6): what a header declares, from every prefix of a frame, read up to an unreadable page. */
static void check_frame_info(const unsigned char *frame, size_t size, uint64_t content, uint32_t dict_id,
                             uint32_t flags) {
    h4_frame_info_t info = {7, 7, 7};
    CHECK(h4_frame_info(frame, size, &info) == 0);
    CHECK(info.content_size == content && info.dict_id == dict_id && info.flags == flags);
    for (size_t n = 0; n < size; n++) {
        struct guarded prefix = guarded(n);
        memcpy(prefix.bytes, frame, n);
        h4_frame_info_t part = {7, 7, 7};
        int64_t r = h4_frame_info(prefix.bytes, n, &part);
        if (r == 0) { /* the header is whole: the same answer */
            CHECK(part.content_size == content && part.dict_id == dict_id && part.flags == flags);
        } else {
            CHECK(r == H4_E_CORRUPT && part.content_size == 7 && part.dict_id == 7 && part.flags == 7);
        }
        unguard(prefix);
    }
}

static void test_frame_info(h4_ctx *ctx) {
    struct samples messages = records(3, 31);
    h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    unsigned char c[4096];
    int64_t clen = compress_with(ctx, dict, c, sizeof c, messages.bytes, messages.total);
    check_frame_info(c, (size_t)clen, messages.total, h4_dict_id(dict), H4_FRAME_CONTENT_SIZE | H4_FRAME_CHECKSUM);
    clen = h4_compress(ctx, c, sizeof c, messages.bytes, messages.sizes[0], 3);
    check_frame_info(c, (size_t)clen, messages.sizes[0], 0, H4_FRAME_CONTENT_SIZE | H4_FRAME_CHECKSUM);
    /* Made by other encoders: an empty single-segment frame without checksum (size 0 declared), and a frame that
     * declares neither (descriptor 0, a window descriptor, then an empty last raw block). */
    const unsigned char sized[] = {0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00};
    check_frame_info(sized, sizeof sized, 0, 0, H4_FRAME_CONTENT_SIZE);
    const unsigned char bare[] = {0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x50, 0x01, 0x00, 0x00};
    check_frame_info(bare, sizeof bare, 0, 0, 0);
    const unsigned char with_id[] = {0x28, 0xB5, 0x2F, 0xFD, 0x07, 0x50, 0x78, 0x56, 0x34, 0x12};
    check_frame_info(with_id, sizeof with_id, 0, 0x12345678u, H4_FRAME_CHECKSUM);
    h4_frame_info_t info;
    const unsigned char skippable[12] = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};
    CHECK(h4_frame_info(skippable, sizeof skippable, &info) == H4_E_CORRUPT);
    CHECK(h4_frame_info(messages.bytes, messages.sizes[0], &info) == H4_E_CORRUPT);
    CHECK(h4_frame_info(NULL, 10, &info) == H4_E_NULL_ARGUMENT);
    CHECK(h4_frame_info(c, (size_t)clen, NULL) == H4_E_NULL_ARGUMENT);
    h4_dict_free(dict);
    free_samples(messages);
}

/* A pooled context that served a dictionary serves plain calls as a fresh one does, its dictionary freed. */
static void test_pooled_context(h4_ctx *ctx) {
    struct samples messages = records(50, 5);
    h4_dict *dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    unsigned char c[16384], plain[16384], out[16384];
    int64_t clen = compress_with(ctx, dict, c, sizeof c, messages.bytes, messages.total);
    CHECK(h4_decompress_dict(ctx, dict, out, sizeof out, c, (size_t)clen) == (int64_t)messages.total);
    h4_dict_free(dict);
    h4_ctx *fresh = h4_ctx_create();
    int64_t plen = h4_compress(ctx, plain, sizeof plain, messages.bytes, messages.total, 3);
    int64_t flen = h4_compress(fresh, c, sizeof c, messages.bytes, messages.total, 3);
    CHECK(plen > 0 && plen == flen && memcmp(plain, c, (size_t)plen) == 0);
    CHECK(h4_decompress(ctx, out, sizeof out, plain, (size_t)plen) == (int64_t)messages.total);
    CHECK(memcmp(out, messages.bytes, messages.total) == 0);
    h4_ctx_free(fresh);
    free_samples(messages);
}

/*
 * A context keeps the digest it compressed with set up for the next frame with it (compress_frame's armed digest):
 * whatever order frames with one digest, another, another level, raw content, none, or a failed call come in, and
 * after the digest is freed and another made (perhaps at its address), every frame is the one a fresh context
 * makes. Under ASan, a read of a freed digest would fail the test.
 */
static int same_as_fresh(h4_ctx *ctx, const h4_dict *dict, const unsigned char *src, size_t n) {
    unsigned char c[4096], f[4096];
    h4_ctx *fresh = h4_ctx_create();
    int64_t len = dict != NULL ? h4_compress_dict(ctx, dict, c, sizeof c, src, n)
                               : h4_compress(ctx, c, sizeof c, src, n, 3);
    int64_t flen = dict != NULL ? h4_compress_dict(fresh, dict, f, sizeof f, src, n)
                                : h4_compress(fresh, f, sizeof f, src, n, 3);
    h4_ctx_free(fresh);
    return len > 0 && len == flen && memcmp(c, f, (size_t)len) == 0;
}

static void test_reused_context_makes_fresh_frames(h4_ctx *ctx) {
    struct samples messages = records(40, 77);
    h4_dict *dicts[5] = {
        h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL),
        h4_dict_create(first_training.bytes, (size_t)first_training.size, 7, NULL),
        h4_dict_create_raw(first_training.bytes, (size_t)first_training.size, 3, NULL),
        h4_dict_create(messages.bytes, messages.sizes[0], 3, NULL), /* raw content: no magic */
        NULL,                                                        /* h4_compress */
    };
    static const int order[] = {0, 0, 0, 1, 0, 4, 0, 2, 0, 0, 3, 3, 0, 1, 1, 4, 4, 0, 2, 2, 0};
    const unsigned char *message = messages.bytes;
    for (size_t i = 0; i < messages.count; message += messages.sizes[i], i++) {
        CHECK(same_as_fresh(ctx, dicts[order[i % (sizeof order / sizeof *order)]], message, messages.sizes[i]));
        if (i == 10) {
            unsigned char tiny[4];
            CHECK(h4_compress_dict(ctx, dicts[0], tiny, sizeof tiny, message, messages.sizes[i])
                  == H4_E_DST_TOO_SMALL);
        }
        if (i == 20 || i == 30) {
            /* the armed digest freed, and another made with the same bytes: the allocator may give it its address */
            h4_dict_free(dicts[0]);
            dicts[0] = h4_dict_create(first_training.bytes, (size_t)first_training.size, i == 20 ? 3 : 5, NULL);
            CHECK(dicts[0] != NULL);
        }
    }
    for (int d = 0; d < 5; d++) {
        h4_dict_free(dicts[d]);
    }
    free_samples(messages);
}

/* One h4_dict, many threads with a context each: every frame is the one a single thread makes, and decodes. */
#define THREADS 4
#define MESSAGES 200
static h4_dict *shared_dict;
static struct samples shared_messages;
static unsigned char expected[MESSAGES][512];
static int64_t expected_len[MESSAGES];

static void *worker(void *arg) {
    (void)arg;
    h4_ctx *ctx = h4_ctx_create();
    unsigned char c[512], out[512];
    int ok = ctx != NULL;
    const unsigned char *message = shared_messages.bytes;
    for (size_t i = 0; i < MESSAGES && ok; message += shared_messages.sizes[i], i++) {
        int64_t len = h4_compress_dict(ctx, shared_dict, c, sizeof c, message, shared_messages.sizes[i]);
        ok = len == expected_len[i] && memcmp(c, expected[i], (size_t)len) == 0
             && h4_decompress_dict(ctx, shared_dict, out, sizeof out, c, (size_t)len) == (int64_t)shared_messages.sizes[i]
             && memcmp(out, message, shared_messages.sizes[i]) == 0;
    }
    h4_ctx_free(ctx);
    return ok ? NULL : (void *)1;
}

static void test_threads_share_a_dictionary(h4_ctx *ctx) {
    shared_dict = h4_dict_create(first_training.bytes, (size_t)first_training.size, 3, NULL);
    shared_messages = records(MESSAGES, 123);
    const unsigned char *message = shared_messages.bytes;
    for (size_t i = 0; i < MESSAGES; message += shared_messages.sizes[i], i++) {
        expected_len[i] = compress_with(ctx, shared_dict, expected[i], sizeof expected[i], message,
                                        shared_messages.sizes[i]);
    }
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&t[i], NULL, worker, NULL) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        CHECK(r == NULL);
    }
    h4_dict_free(shared_dict);
    free_samples(shared_messages);
}

int main(void) {
    h4_ctx *ctx = h4_ctx_create();
    CHECK(ctx != NULL);
    test_training_is_deterministic();
    test_training_errors();
    test_round_trips(ctx);
    test_wrong_dictionary(ctx);
    test_damaged_frames(ctx);
    test_what_follows_a_frame(ctx);
    test_errors(ctx);
    test_raw_content_of_any_bytes(ctx);
    test_raw_content_digested_once(ctx);
    test_verified_compression(ctx);
    test_frame_info(ctx);
    test_pooled_context(ctx);
    test_reused_context_makes_fresh_frames(ctx);
    test_threads_share_a_dictionary(ctx);
    free_samples(training_set);
    h4_ctx_free(ctx);
    if (failures) {
        fprintf(stderr, "h4dict_test: %d check(s) failed\n", failures);
        return 1;
    }
    printf("h4dict_test: all checks passed\n");
    return 0;
}
