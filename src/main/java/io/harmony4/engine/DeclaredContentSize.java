package io.harmony4.engine;

import java.util.OptionalLong;

/**
 * The content size an engine's own frame declares, read from its header without decoding, beside the frozen
 * {@link CompressionEngine} API: so that a caller with a limit of its own (a message's, a stream message's) refuses a
 * frame before the decoder allocates what the frame declares. The core's zstd frames have {@link FrameHeader}.
 */
public interface DeclaredContentSize {
    /**
     * The content size the frame at the start of {@code frame} declares; empty when the bytes do not start with a
     * whole header of this engine (its decoder refuses them, saying why). Untrusted: the decoder still checks the frame
     * against it.
     */
    OptionalLong declaredContentSize(byte[] frame);

    /** What {@code engine}'s frame at the start of {@code frame} declares, if the engine says; empty if it does not. */
    static OptionalLong of(CompressionEngine engine, byte[] frame) {
        return engine instanceof DeclaredContentSize sizes ? sizes.declaredContentSize(frame) : OptionalLong.empty();
    }
}
