package io.harmony4.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A message's whole body, read into one array of its size when the stream says how much it holds
 * ({@link InputStream#available()}: a body Quarkus REST has received, or a byte array). {@link InputStream#readNBytes(int)}
 * allocates and zeroes a 16 KiB buffer however small the body, then copies it out: for a 256-byte message that cost
 * more than compressing it (docs/benchmarks.md, "Small messages").
 */
final class MessageBody {
    private MessageBody() {}

    /**
     * All of {@code body}, at most {@code limit} bytes.
     *
     * @throws SizeLimitException when it holds more, before more than one byte past the limit is read
     */
    static byte[] read(InputStream body, long limit) throws IOException {
        // one byte past the limit tells a body over it from one at it
        int most = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
        int announced = Math.clamp(body.available(), 0, most);
        byte[] bytes = new byte[announced];
        int read = body.readNBytes(bytes, 0, announced);
        if (read < announced) {
            return Arrays.copyOf(bytes, read);
        }
        int next = read == most ? -1 : body.read();
        if (next >= 0) {
            // more than available() announced: the rest, in the stream's own way
            byte[] rest = body.readNBytes(most - read - 1);
            byte[] all = Arrays.copyOf(bytes, read + 1 + rest.length);
            all[read] = (byte) next;
            System.arraycopy(rest, 0, all, read + 1, rest.length);
            bytes = all;
        }
        if (bytes.length > limit) {
            throw new SizeLimitException(SizeLimitException.Subject.MESSAGE, limit, "the message is larger than "
                    + "this endpoint takes; send larger content to POST /v1/compress, which streams it into a "
                    + "container");
        }
        return bytes;
    }
}
