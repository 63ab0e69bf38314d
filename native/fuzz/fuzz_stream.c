/*
 * libFuzzer: the streams (ABI 6). An input is [level byte][window byte][dictionary length, 2 bytes little-endian]
 * [dictionary][rest]. Any bytes as a dictionary (none when h4_dict_create refuses them). The rest split into
 * messages, each [length byte][that many bytes]: compressed by one stream, they decode one by one to exactly the
 * messages and the stream ends; decoded with no dictionary instead, each is the message or an error, and a stream
 * that ends has given every message unchanged. The same messages' bytes taken as a stream's compressed bytes: every
 * call gives at most the message limit or an error a damaged stream can cause, never a crash.
 */
#include "h4core.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MESSAGES 64
#define LIMIT (1u << 16)

struct messages {
    const uint8_t *at[MAX_MESSAGES];
    size_t size[MAX_MESSAGES];
    int count;
};

static void split(struct messages *m, const uint8_t *data, size_t size) {
    m->count = 0;
    while (size > 0 && m->count < MAX_MESSAGES) {
        size_t n = data[0];
        data++;
        size--;
        if (n > size) {
            n = size;
        }
        m->at[m->count] = data;
        m->size[m->count] = n;
        m->count++;
        data += n;
        size -= n;
    }
}

static int damage_error(int64_t r) {
    return r == H4_E_CORRUPT || r == H4_E_CHECKSUM || r == H4_E_DICTIONARY || r == H4_E_WINDOW_TOO_LARGE
           || r == H4_E_ENDED || r == H4_E_DST_TOO_SMALL;
}

/* Decodes the compressed messages c[i] with dict; with `exact`, every one must come back, else errors are allowed. */
static void decode(const h4_dict *dict, int window_log, const struct messages *m, uint8_t *c[], const size_t csize[],
                   int exact) {
    h4_dstream *d = h4_dstream_create(dict, window_log, NULL);
    uint8_t *out = malloc(256);
    int same = 1;
    for (int i = 0; i <= m->count; i++) {
        size_t expected = i < m->count ? m->size[i] : 0;
        int64_t r = h4_dstream_decompress(d, out, 256, c[i], csize[i]);
        if (r < 0) {
            if (exact || !damage_error(r)) {
                abort();
            }
            break;
        }
        if ((size_t)r != expected || (r > 0 && memcmp(out, m->at[i], expected) != 0)) {
            if (exact) {
                abort();
            }
            same = 0;
        }
    }
    /* a stream that ended passed its checksum: nothing it gave may differ */
    if ((exact && !h4_dstream_ended(d)) || (h4_dstream_ended(d) && !same)) {
        abort();
    }
    free(out);
    h4_dstream_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 4) {
        return 0;
    }
    int level = (int)(data[0] % 8) - 1; /* -1 .. 6: streams at fast and mid levels */
    int window_log = H4_STREAM_WINDOW_LOG_MIN + data[1] % (H4_STREAM_WINDOW_LOG_MAX - H4_STREAM_WINDOW_LOG_MIN + 1);
    size_t dict_size = (size_t)data[2] | (size_t)data[3] << 8;
    data += 4;
    size -= 4;
    if (dict_size > size) {
        dict_size = size;
    }
    int64_t error = 0;
    h4_dict *dict = h4_dict_create(data, dict_size, level, &error);
    if (dict == NULL && error != H4_E_CORRUPT) {
        abort();
    }
    struct messages m;
    split(&m, data + dict_size, size - dict_size);

    h4_cstream *c = h4_cstream_create(level, dict, window_log, &error);
    if (c == NULL) {
        abort();
    }
    uint8_t *bytes[MAX_MESSAGES + 1];
    size_t bytes_size[MAX_MESSAGES + 1];
    for (int i = 0; i <= m.count; i++) {
        size_t bound = h4_cstream_bound(i < m.count ? m.size[i] : 0);
        bytes[i] = malloc(bound);
        int64_t n = i < m.count ? h4_cstream_compress(c, bytes[i], bound, m.at[i], m.size[i])
                                : h4_cstream_finish(c, bytes[i], bound);
        if (n < 0 || (size_t)n > bound) {
            abort();
        }
        bytes_size[i] = (size_t)n;
    }
    if (h4_cstream_memory(c) <= 0) {
        abort();
    }
    h4_cstream_free(c);
    decode(dict, window_log, &m, bytes, bytes_size, 1);
    decode(NULL, H4_STREAM_WINDOW_LOG_MAX, &m, bytes, bytes_size, dict == NULL);
    for (int i = 0; i <= m.count; i++) {
        free(bytes[i]);
    }

    /* the messages themselves as a stream's compressed bytes */
    for (int pass = 0; pass < 2; pass++) {
        h4_dstream *d = h4_dstream_create(pass ? dict : NULL, window_log, NULL);
        uint8_t *out = malloc(LIMIT);
        for (int i = 0; i < m.count; i++) {
            int64_t r = h4_dstream_decompress(d, out, LIMIT, m.at[i], m.size[i]);
            if (r > (int64_t)LIMIT || (r < 0 && !damage_error(r))) {
                abort();
            }
            if (r < 0) {
                break;
            }
        }
        free(out);
        h4_dstream_free(d);
    }
    h4_dict_free(dict);
    return 0;
}
