package io.harmony4.rest;

import static io.harmony4.rest.ApiMessagesTest.compress;
import static io.harmony4.rest.ApiMessagesTest.decompress;
import static io.harmony4.rest.ApiMessagesTest.dictionary;
import static io.harmony4.rest.ApiMessagesTest.problem;
import static io.harmony4.rest.ApiMessagesTest.reprDigest;
import static io.harmony4.rest.ApiMessagesTest.train;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictDecompress;
import io.harmony4.engine.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Interop with zstd-jni, the zstd binding a Java client would use (issue 26): a message it compresses with a
 * dictionary fetched from the service is decoded by the service, and a message the service compressed is decoded by
 * zstd-jni with the same dictionary. Frames without a checksum or a content size are refused, as
 * docs/dictionaries.md says.
 */
@QuarkusTest
class ApiMessagesZstdJniTest {

    /** A zstd-jni frame of {@code message} with {@code dictionary}: level 3, dictID on, the two flags as given. */
    private static byte[] zstdJni(byte[] message, byte[] dictionary, boolean checksum, boolean contentSize) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.loadDict(dictionary);
            ctx.setLevel(3);
            ctx.setDictID(true);
            ctx.setChecksum(checksum);
            ctx.setContentSize(contentSize);
            return ctx.compress(message);
        }
    }

    @Test
    void theServiceDecodesAFrameZstdJniMadeWithTheDictionaryItServes() {
        String id = train(Messages.messages(400, 121));
        byte[] dictionary = dictionary(id);
        byte[] message = Messages.message(new Random(122));
        byte[] frame = zstdJni(message, dictionary, true, true);
        assertEquals(message.length, Zstd.getFrameContentSize(frame), "the frame declares its content size");
        assertEquals(0x04, frame[4] & 0x04, "and carries a checksum");

        Response decoded = decompress(frame, "");
        decoded.then().statusCode(200).contentType(Api.OCTETS)
                .header(MessageResource.DICTIONARY_HEADER, equalTo(id))
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(reprDigest(message)));
        assertArrayEquals(message, decoded.asByteArray());
    }

    @Test
    void zstdJniDecodesAMessageTheServiceCompressedWithTheDictionary() {
        String id = train(Messages.messages(400, 131));
        byte[] message = Messages.message(new Random(132));
        try (ZstdDictDecompress dictionary = new ZstdDictDecompress(dictionary(id))) {
            for (String level : new String[] {"", "&level=19"}) {
                byte[] frame = compress(message, "?dictionary=" + id + level).then().statusCode(200).extract()
                        .asByteArray();
                assertEquals(message.length, Zstd.getFrameContentSize(frame), level);
                assertArrayEquals(message, Zstd.decompress(frame, dictionary, message.length), level);
            }
        }
    }

    @Test
    void framesWithoutTheChecksumOrTheContentSizeAreRefusedAsCorrupt() {
        String id = train(Messages.messages(400, 141));
        byte[] dictionary = dictionary(id);
        byte[] message = Messages.message(new Random(142));

        byte[] noChecksum = zstdJni(message, dictionary, false, true);
        assertEquals(0, noChecksum[4] & 0x04, "the frame header's checksum flag is off");
        Response unchecked = decompress(noChecksum, "");
        problem(unchecked, 400, "corrupt-message");
        unchecked.then().body("detail", containsString("the zstd frame has no content checksum"));

        byte[] noContentSize = zstdJni(message, dictionary, true, false);
        assertEquals(0, noContentSize[4] & 0xE0, "the frame header has no content size field (RFC 8878 3.1.1.1.1)");
        Response unsized = decompress(noContentSize, "");
        problem(unsized, 400, "corrupt-message");
        unsized.then().body("detail", containsString("the zstd frame has no content size"));

        // the same frames are sound: zstd-jni itself decodes them
        try (ZstdDictDecompress digested = new ZstdDictDecompress(dictionary)) {
            assertArrayEquals(message, Zstd.decompress(noChecksum, digested, message.length));
            assertArrayEquals(message, Zstd.decompress(noContentSize, digested, message.length));
        }
    }
}
