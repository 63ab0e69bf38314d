/*
 * Unit tests of the streams (ABI 6): messages round-trip one by one, each decoded alone as soon as its bytes arrive;
 * the recorded bytes are one frame that the zstd command decodes; the same messages give the same bytes on every run
 * and thread; every flipped byte and every truncation is refused, or caught by the checksum at the end, never ended
 * with other content; wrong and missing dictionaries; a window larger than the decoder accepts; the message limit;
 * bytes after the end; memory per stream; the errors. Damaged input is read from buffers that end at an unreadable
 * page. Exits non-zero on a failure.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, popen, mkstemp */
#include "h4core.h"
#include "guarded.h"

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

#define MESSAGES 40

/* The messages of a test stream, and the bytes a compressing stream gave for each, then for its finish. */
struct recording {
    uint8_t *message[MESSAGES];
    size_t message_size[MESSAGES];
    uint8_t *bytes[MESSAGES + 1];
    size_t size[MESSAGES + 1];
};

static uint32_t next(uint32_t *state) {
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Model-token-like messages: 16-bit little-endian ids drawn from a small, skewed vocabulary, of varied sizes (an
 * empty one, and one larger than a zstd block, 128 KiB, so that it spans blocks). */
static void make_messages(struct recording *r, uint32_t seed) {
    for (int i = 0; i < MESSAGES; i++) {
        size_t size = i == 3 ? 0 : i == 7 ? 200000 : 2 * (1 + next(&seed) % 700);
        r->message[i] = malloc(size > 0 ? size : 1);
        for (size_t k = 0; k + 1 < size; k += 2) {
            uint32_t id = next(&seed) % 8 == 0 ? next(&seed) % 50000 : next(&seed) % 300;
            r->message[i][k] = (uint8_t)id;
            r->message[i][k + 1] = (uint8_t)(id >> 8);
        }
        r->message_size[i] = size;
    }
}

static int record(struct recording *r, int level, const h4_dict *dict, int window_log) {
    int64_t error = 1;
    h4_cstream *c = h4_cstream_create(level, dict, window_log, &error);
    if (c == NULL || error != 0) {
        return 0;
    }
    int ok = 1;
    for (int i = 0; i <= MESSAGES; i++) {
        size_t in = i < MESSAGES ? r->message_size[i] : 0;
        size_t bound = h4_cstream_bound(in);
        r->bytes[i] = malloc(bound);
        int64_t n = i < MESSAGES ? h4_cstream_compress(c, r->bytes[i], bound, r->message[i], in)
                                 : h4_cstream_finish(c, r->bytes[i], bound);
        ok &= n >= 0;
        r->size[i] = n >= 0 ? (size_t)n : 0;
    }
    h4_cstream_free(c);
    return ok;
}

static void free_bytes(struct recording *r) {
    for (int i = 0; i <= MESSAGES; i++) {
        free(r->bytes[i]);
        r->bytes[i] = NULL;
    }
}

/* What a decoder made of a recording: 1 when every message came back as it was and the end was checked, 0 when a
 * call refused the stream (*code its error), and -1 for a stream that ended with other content (a wrong answer). */
static int replay(const struct recording *r, const h4_dict *dict, int window_log_max, int64_t *code) {
    h4_dstream *d = h4_dstream_create(dict, window_log_max, NULL);
    int same = 1;
    *code = 0;
    for (int i = 0; i <= MESSAGES && *code == 0; i++) {
        size_t expected = i < MESSAGES ? r->message_size[i] : 0;
        struct guarded in = guarded(r->size[i]), out = guarded(expected);
        memcpy(in.bytes, r->bytes[i], r->size[i]);
        int64_t n = h4_dstream_decompress(d, out.bytes, expected, in.bytes, r->size[i]);
        if (n < 0) {
            *code = n;
        } else if ((size_t)n != expected || (n > 0 && memcmp(out.bytes, r->message[i], expected) != 0)) {
            same = 0;
        }
        unguard(in);
        unguard(out);
    }
    int ended = h4_dstream_ended(d);
    h4_dstream_free(d);
    return *code != 0 ? 0 : ended && same ? 1 : ended ? -1 : 0;
}

static void test_round_trip(struct recording *r) {
    CHECK(record(r, 3, NULL, H4_STREAM_WINDOW_LOG_MAX));
    int64_t code;
    CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code) == 1);
    CHECK(r->size[3] == 0);         /* an empty message flushes nothing */
    CHECK(r->size[MESSAGES] >= 7);  /* the last block's header and the checksum */
    /* one frame with a checksum and no content size (FHD: FCS flag 0, no single segment) */
    CHECK(memcmp(r->bytes[0], "\x28\xB5\x2F\xFD", 4) == 0 && (r->bytes[0][4] & 0x04) && (r->bytes[0][4] & 0xE0) == 0);
    /* the stream carries what earlier messages taught it: repeating a message costs far less than its first time */
    h4_cstream *c = h4_cstream_create(3, NULL, 20, NULL);
    uint8_t buf[4096];
    int64_t first = h4_cstream_compress(c, buf, sizeof buf, r->message[0], r->message_size[0]);
    int64_t again = h4_cstream_compress(c, buf, sizeof buf, r->message[0], r->message_size[0]);
    CHECK(first > 0 && again > 0 && again * 4 < first);
    h4_cstream_free(c);
}

/* The recorded bytes, concatenated, are one standard frame: the zstd command gives back the messages. */
static void test_zstd_command(const struct recording *r) {
    if (system("zstd --version > /dev/null 2>&1") != 0) {
        printf("h4stream_test: skipped the zstd command check: no zstd on PATH\n");
        return;
    }
    char path[] = "/tmp/h4stream_test_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    size_t total = 0;
    for (int i = 0; i <= MESSAGES; i++) {
        fwrite(r->bytes[i], 1, r->size[i], f);
        total += i < MESSAGES ? r->message_size[i] : 0;
    }
    fclose(f);
    char command[128];
    snprintf(command, sizeof command, "zstd -d -c -q %s", path);
    FILE *p = popen(command, "r");
    uint8_t *all = malloc(total + 1);
    size_t got = p != NULL ? fread(all, 1, total + 1, p) : 0;
    CHECK(p != NULL && pclose(p) == 0);
    CHECK(got == total);
    size_t at = 0;
    for (int i = 0; i < MESSAGES && got == total; i++) {
        CHECK(r->message_size[i] == 0 || memcmp(all + at, r->message[i], r->message_size[i]) == 0);
        at += r->message_size[i];
    }
    free(all);
    remove(path);
}

static struct recording *shared;

static void *record_again(void *arg) {
    struct recording *mine = arg;
    memcpy(mine->message, shared->message, sizeof mine->message);
    memcpy(mine->message_size, shared->message_size, sizeof mine->message_size);
    return (void *)(intptr_t)record(mine, 3, NULL, H4_STREAM_WINDOW_LOG_MAX);
}

static int same_bytes(const struct recording *a, const struct recording *b) {
    for (int i = 0; i <= MESSAGES; i++) {
        if (a->size[i] != b->size[i] || memcmp(a->bytes[i], b->bytes[i], a->size[i]) != 0) {
            return 0;
        }
    }
    return 1;
}

static void test_determinism(struct recording *r) {
    struct recording again[4];
    pthread_t threads[4];
    shared = r;
    for (int t = 0; t < 4; t++) {
        CHECK(pthread_create(&threads[t], NULL, record_again, &again[t]) == 0);
    }
    for (int t = 0; t < 4; t++) {
        void *ok;
        pthread_join(threads[t], &ok);
        CHECK(ok != NULL);
        CHECK(same_bytes(r, &again[t]));
        free_bytes(&again[t]);
    }
}

/* A flip of every byte (the bit varying) and every cut of the first messages' bytes and of the end's. */
static void test_damage(struct recording *r) {
    int refused = 0, caught_at_end = 0;
    for (int i = 0; i <= MESSAGES; i++) {
        if (i >= 6 && i < MESSAGES) {
            continue; /* the first messages (the frame header, an empty one) and the end cover the code; time */
        }
        for (size_t at = 0; at < r->size[i]; at++) {
            uint8_t kept = r->bytes[i][at];
            r->bytes[i][at] ^= (uint8_t)(1u << (at % 8));
            int64_t code;
            int result = replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code);
            CHECK(result != -1);
            refused += result == 0;
            caught_at_end += code == H4_E_CHECKSUM;
            r->bytes[i][at] = kept;
        }
        size_t full = r->size[i];
        for (size_t cut = 1; cut < full; cut++) {
            r->size[i] = cut;
            int64_t code;
            CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code) == 0);
            if (i < MESSAGES) {
                CHECK(code != 0); /* a message's bytes cut short are refused at once */
            }
        }
        r->size[i] = full;
    }
    CHECK(refused > 0 && caught_at_end > 0);
    /* a missing end: never ended */
    size_t end = r->size[MESSAGES];
    r->size[MESSAGES] = 0;
    int64_t code;
    CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code) == 0 && code == 0);
    r->size[MESSAGES] = end;
    printf("h4stream_test: flips refused %d times, %d of them by the checksum at the end\n", refused, caught_at_end);
}

static h4_dict *trained(uint32_t seed) {
    enum { SAMPLES = 300, SIZE = 256 };
    uint8_t *samples = malloc(SAMPLES * SIZE);
    size_t sizes[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
        sizes[i] = SIZE;
        for (int k = 0; k < SIZE; k += 2) {
            uint32_t id = next(&seed) % 400;
            samples[i * SIZE + k] = (uint8_t)id;
            samples[i * SIZE + k + 1] = (uint8_t)(id >> 8);
        }
    }
    uint8_t dict[4096];
    int64_t n = h4_dict_train(dict, sizeof dict, samples, sizes, SAMPLES);
    free(samples);
    CHECK(n > 0);
    return n > 0 ? h4_dict_create(dict, (size_t)n, 3, NULL) : NULL;
}

static void test_dictionaries(struct recording *r) {
    h4_dict *a = trained(11), *b = trained(12);
    CHECK(a != NULL && b != NULL && h4_dict_id(a) != h4_dict_id(b));
    free_bytes(r);
    CHECK(record(r, 3, a, H4_STREAM_WINDOW_LOG_MAX));
    int64_t code;
    CHECK(replay(r, a, H4_STREAM_WINDOW_LOG_MAX, &code) == 1);
    CHECK(replay(r, b, H4_STREAM_WINDOW_LOG_MAX, &code) == 0 && code == H4_E_DICTIONARY);
    CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code) == 0 && code == H4_E_DICTIONARY);
    /* raw content names no dictID: other content decodes to other bytes, which the stream never ends with */
    h4_dict *raw = h4_dict_create("raw content of the seed", 23, 3, NULL);
    h4_dict *other = h4_dict_create("other content, as long", 22, 3, NULL);
    free_bytes(r);
    CHECK(record(r, 3, raw, H4_STREAM_WINDOW_LOG_MAX));
    CHECK(replay(r, raw, H4_STREAM_WINDOW_LOG_MAX, &code) == 1);
    CHECK(replay(r, other, H4_STREAM_WINDOW_LOG_MAX, &code) != -1);
    CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MAX, &code) != -1);
    free_bytes(r);
    h4_dict_free(a);
    h4_dict_free(b);
    h4_dict_free(raw);
    h4_dict_free(other);
}

static void test_window(struct recording *r) {
    CHECK(record(r, 3, NULL, H4_STREAM_WINDOW_LOG_MAX));
    int64_t code;
    CHECK(replay(r, NULL, 22, &code) == 0 && code == H4_E_WINDOW_TOO_LARGE);
    free_bytes(r);
    CHECK(record(r, 3, NULL, 16));
    CHECK(replay(r, NULL, 16, &code) == 1);
    CHECK(replay(r, NULL, 15, &code) == 0 && code == H4_E_WINDOW_TOO_LARGE);
    free_bytes(r);
    CHECK(record(r, 3, NULL, H4_STREAM_WINDOW_LOG_MIN));
    CHECK(replay(r, NULL, H4_STREAM_WINDOW_LOG_MIN, &code) == 1);
    free_bytes(r);
}

static void test_limits_and_errors(const struct recording *r) {
    int64_t error = 1;
    CHECK(h4_cstream_create(h4_max_level() + 1, NULL, 20, &error) == NULL && error == H4_E_BAD_LEVEL);
    CHECK(h4_cstream_create(3, NULL, 9, &error) == NULL && error == H4_E_WINDOW_TOO_LARGE);
    CHECK(h4_cstream_create(3, NULL, 24, &error) == NULL && error == H4_E_WINDOW_TOO_LARGE);
    CHECK(h4_dstream_create(NULL, 24, &error) == NULL && error == H4_E_WINDOW_TOO_LARGE);
    CHECK(h4_cstream_create(3, NULL, 24, NULL) == NULL);
    CHECK(h4_cstream_compress(NULL, NULL, 0, NULL, 0) == H4_E_NULL_ARGUMENT);
    CHECK(h4_dstream_decompress(NULL, NULL, 0, NULL, 0) == H4_E_NULL_ARGUMENT);
    CHECK(h4_cstream_bound(SIZE_MAX) == 0 && h4_cstream_bound(0) > 7);
    CHECK(h4_cstream_memory(NULL) == 0 && h4_dstream_memory(NULL) == 0 && !h4_dstream_ended(NULL));
    CHECK(strcmp(h4_error_name(H4_E_WINDOW_TOO_LARGE), "H4_E_WINDOW_TOO_LARGE") == 0);
    CHECK(strcmp(h4_error_name(H4_E_ENDED), "H4_E_ENDED") == 0);

    /* after the finish: no message, no second finish; the error stays */
    h4_cstream *c = h4_cstream_create(3, NULL, 20, &error);
    uint8_t buf[256];
    CHECK(error == 0 && h4_cstream_finish(c, buf, sizeof buf) > 0);
    CHECK(h4_cstream_compress(c, buf, sizeof buf, "x", 1) == H4_E_ENDED);
    CHECK(h4_cstream_finish(c, buf, sizeof buf) == H4_E_ENDED);
    h4_cstream_free(c);
    /* dst too small loses bytes: the stream is broken from then on */
    c = h4_cstream_create(3, NULL, 20, NULL);
    CHECK(h4_cstream_compress(c, buf, 4, r->message[0], r->message_size[0]) == H4_E_DST_TOO_SMALL);
    CHECK(h4_cstream_compress(c, buf, sizeof buf, "x", 1) == H4_E_DST_TOO_SMALL);
    h4_cstream_free(c);

    /* the message limit: exactly the message fits, one byte less is refused */
    h4_dstream *d = h4_dstream_create(NULL, 23, NULL);
    uint8_t *out = malloc(r->message_size[0]);
    CHECK(h4_dstream_decompress(d, out, r->message_size[0] - 1, r->bytes[0], r->size[0]) == H4_E_DST_TOO_SMALL);
    CHECK(h4_dstream_decompress(d, out, r->message_size[0], r->bytes[0], r->size[0]) == H4_E_DST_TOO_SMALL);
    h4_dstream_free(d);
    d = h4_dstream_create(NULL, 23, NULL);
    CHECK(h4_dstream_decompress(d, out, r->message_size[0], r->bytes[0], r->size[0]) == (int64_t)r->message_size[0]);
    CHECK(h4_dstream_decompress(d, NULL, 0, NULL, 0) == 0); /* an empty message */
    h4_dstream_free(d);

    /* bytes after the end, in the finish's call or in a later one */
    c = h4_cstream_create(3, NULL, 20, NULL);
    uint8_t whole[300];
    int64_t n = h4_cstream_finish(c, whole, sizeof whole - 1);
    h4_cstream_free(c);
    d = h4_dstream_create(NULL, 20, NULL);
    CHECK(n > 0 && h4_dstream_decompress(d, out, 1, whole, (size_t)n) == 0 && h4_dstream_ended(d));
    CHECK(h4_dstream_decompress(d, out, 1, whole, 1) == H4_E_ENDED);
    h4_dstream_free(d);
    d = h4_dstream_create(NULL, 20, NULL);
    whole[n] = 0;
    CHECK(h4_dstream_decompress(d, out, 1, whole, (size_t)n + 1) == H4_E_ENDED);
    h4_dstream_free(d);

    /* not a checksummed zstd frame: a skippable frame, and a frame without a checksum */
    d = h4_dstream_create(NULL, 20, NULL);
    CHECK(h4_dstream_decompress(d, out, 1, "\x50\x2A\x4D\x18\0\0\0\0", 8) == H4_E_CORRUPT);
    h4_dstream_free(d);
    ZSTD_CCtx *plain = ZSTD_createCCtx();
    size_t plain_size = ZSTD_compress2(plain, whole, sizeof whole, "abc", 3);
    ZSTD_freeCCtx(plain);
    d = h4_dstream_create(NULL, 20, NULL);
    CHECK(!ZSTD_isError(plain_size) && h4_dstream_decompress(d, out, 3, whole, plain_size) == H4_E_CORRUPT);
    h4_dstream_free(d);
    free(out);
}

/* Memory is known and bounded by the window: level 3 at the largest window holds its 8 MiB buffer, a small window
 * far less; a decoder holds about the window the frame asks for. */
static void test_memory(const struct recording *r) {
    int64_t sizes[2];
    int logs[2] = {H4_STREAM_WINDOW_LOG_MAX, 16};
    for (int k = 0; k < 2; k++) {
        h4_cstream *c = h4_cstream_create(3, NULL, logs[k], NULL);
        h4_dstream *d = h4_dstream_create(NULL, logs[k], NULL);
        uint8_t *buf = malloc(h4_cstream_bound(r->message_size[0])), *out = malloc(r->message_size[0]);
        int64_t n = h4_cstream_compress(c, buf, h4_cstream_bound(r->message_size[0]), r->message[0],
                                        r->message_size[0]);
        CHECK(n > 0 && h4_dstream_decompress(d, out, r->message_size[0], buf, (size_t)n) >= 0);
        sizes[k] = h4_cstream_memory(c);
        int64_t window = (int64_t)1 << logs[k];
        CHECK(sizes[k] > window && sizes[k] < window + (4 << 20));
        CHECK(h4_dstream_memory(d) > window && h4_dstream_memory(d) < window + (1 << 20));
        printf("h4stream_test: window log %d: compressing stream %lld bytes, decompressing %lld\n", logs[k],
               (long long)sizes[k], (long long)h4_dstream_memory(d));
        free(buf);
        free(out);
        h4_cstream_free(c);
        h4_dstream_free(d);
    }
    CHECK(sizes[1] * 4 < sizes[0]);
}

int main(void) {
    struct recording r;
    memset(&r, 0, sizeof r);
    make_messages(&r, 2026);
    test_round_trip(&r);
    test_zstd_command(&r);
    test_determinism(&r);
    test_damage(&r);
    test_limits_and_errors(&r);
    test_memory(&r);
    free_bytes(&r);
    test_dictionaries(&r);
    test_window(&r);
    for (int i = 0; i < MESSAGES; i++) {
        free(r.message[i]);
    }
    if (failures > 0) {
        fprintf(stderr, "h4stream_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("h4stream_test: all passed\n");
    return 0;
}
