package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any messages through a core stream: back one by one, one standard frame in all, the same bytes every time. */
class CoreMessageStreamsPropertiesTest {
    private static final int LIMIT = 1 << 16;

    @Property(tries = 150)
    void anyMessagesRoundTripOneByOne(@ForAll @Size(max = 30) List<@Size(max = 3000) byte[]> messages,
            @ForAll @IntRange(min = 10, max = 23) int windowLog, @ForAll @IntRange(min = -3, max = 9) int level) {
        StreamSettings settings = new StreamSettings(level, null, windowLog, LIMIT);
        MessageStreams streams = MessageStreams.of(TestEngines.core());
        List<byte[]> compressed = CoreMessageStreamsTest.compressAll(streams, settings, messages);
        try (MessageStreamDecompressor decompressor = streams.decompressor(settings)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(compressed.get(i)));
            }
            decompressor.decompress(compressed.getLast());
            assertTrue(decompressor.ended());
        }
    }

    @Property(tries = 100)
    void theConcatenatedBytesAreOneFrameForZstdJni(@ForAll @Size(max = 30) List<@Size(max = 3000) byte[]> messages)
            throws IOException {
        StreamSettings settings = StreamSettings.of(3, LIMIT);
        byte[] frame = CoreMessageStreamsTest.concat(
                CoreMessageStreamsTest.compressAll(MessageStreams.of(TestEngines.core()), settings, messages));
        byte[] all = CoreMessageStreamsTest.concat(messages);
        assertArrayEquals(all, CoreMessageStreamsTest.zstdJniDecode(frame));
        // one frame exactly: zstd-jni's one-call decoder finds its end where the bytes end
        assertTrue(Zstd.findFrameCompressedSize(frame) == frame.length);
    }

    @Property(tries = 100)
    void theSameMessagesGiveTheSameBytes(@ForAll @Size(max = 20) List<@Size(max = 2000) byte[]> messages) {
        StreamSettings settings = StreamSettings.of(3, LIMIT);
        MessageStreams streams = MessageStreams.of(TestEngines.core());
        assertArrayEquals(CoreMessageStreamsTest.concat(CoreMessageStreamsTest.compressAll(streams, settings, messages)),
                CoreMessageStreamsTest.concat(CoreMessageStreamsTest.compressAll(streams, settings, messages)));
    }
}
