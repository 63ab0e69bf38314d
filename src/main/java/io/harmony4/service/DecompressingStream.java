package io.harmony4.service;

import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.DecodedMessageTooLargeException;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.MessageStreamDecompressor;
import io.harmony4.engine.MessageTooLargeException;
import io.harmony4.stream.StreamRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One stream's decompressing side (docs/streams.md, "Delivery"). zstd checks its checksum only at the frame's end and
 * has no check per block, so a damaged literal can decode to wrong bytes that no error reports. {@link
 * Delivery#VERIFIED} therefore holds decoded messages until the sender's checkpoint covering them matches this side's
 * root, or the frame's end (whose checksum covers all) is decoded: nothing unverified is delivered; the hold is
 * bounded. {@link Delivery#IMMEDIATE} delivers each message as decoded and reports a mismatch at the next checkpoint.
 * Engine frames carry their own check each (the reference engine's CRC32C), so they are delivered as decoded.
 * One thread at a time.
 */
public final class DecompressingStream implements AutoCloseable {
    /** When a decoded message is given to the client. */
    public enum Delivery {
        /** Once a checkpoint or the frame's end has verified it. */
        VERIFIED,
        /** As soon as it is decoded. */
        IMMEDIATE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MessageStreamDecompressor decompressor;
    private final StreamDescription description;
    private final Delivery delivery;
    /** An engine whose own frames are not zstd (the reference): a zstd stream sent to it is unsupported data. */
    private final boolean refusesZstd;
    private final int maxHeldMessages;
    private final long maxHeldBytes;
    private final StreamRoot root = new StreamRoot();
    private final List<byte[]> held = new ArrayList<>();
    private long heldBytes;
    private long compressedBytes;
    private boolean ended;

    DecompressingStream(MessageStreamDecompressor decompressor, StreamDescription description, boolean refusesZstd,
            Delivery delivery, int maxHeldMessages, long maxHeldBytes) {
        this.decompressor = decompressor;
        this.refusesZstd = refusesZstd;
        this.description = description;
        this.delivery = delivery;
        this.maxHeldMessages = maxHeldMessages;
        this.maxHeldBytes = maxHeldBytes;
    }

    public StreamDescription description() {
        return description;
    }

    public Delivery delivery() {
        return delivery;
    }

    /**
     * Decodes one compressed message; returns the messages that may be delivered now, in order: this one, earlier
     * held ones that the frame's end verifies, or none while they wait for a checkpoint.
     */
    public List<byte[]> decode(byte[] compressed) {
        if (refusesZstd && startsWithZstdMagic(compressed)) {
            throw new StreamFailure(StreamFailure.Kind.UNSUPPORTED, "message " + (root.count() + 1) + ": a zstd "
                    + "frame, and the reference engine serves: it decodes only its own frames");
        }
        byte[] message;
        try {
            message = decompressor.decompress(compressed);
        } catch (DecodedMessageTooLargeException e) {
            throw new StreamFailure(StreamFailure.Kind.TOO_BIG, "message " + e.message() + ": decodes to more than "
                    + "the limit of " + e.limit() + " bytes (maxMessageSize)", e);
        } catch (CorruptInputException e) {
            // the engine names the message, except in a dictionary mismatch, which it finds before decoding
            String what = e.getMessage().startsWith("message ") ? e.getMessage()
                    : "message " + (root.count() + 1) + ": " + e.getMessage();
            throw new StreamFailure(StreamFailure.Kind.BAD_DATA, what, e);
        } catch (MessageTooLargeException e) {
            throw StreamFailure.tooBig(root.count() + 1, e.size(), e.limit(), e);
        } catch (EngineFailureException e) {
            throw new StreamFailure(StreamFailure.Kind.INTERNAL, "message " + (root.count() + 1)
                    + ": the engine failed", e);
        }
        compressedBytes += compressed.length;
        boolean isEnd = decompressor.ended();
        // the end's bytes decode to nothing; a client that joined the last message to the end gets it too
        if (!isEnd || message.length > 0) {
            root.add(message);
            hold(message);
        }
        if (isEnd) {
            ended = true;
            return release();
        }
        return delivery == Delivery.IMMEDIATE || description.format().equals(StreamService.ENGINE_FRAMES)
                ? release() : List.of();
    }

    /** RFC 8878's magic number, little-endian: what a zstd stream's first message starts with. */
    private static boolean startsWithZstdMagic(byte[] bytes) {
        return bytes.length >= 4 && (bytes[0] & 0xFF) == 0x28 && (bytes[1] & 0xFF) == 0xB5 && (bytes[2] & 0xFF) == 0x2F
                && (bytes[3] & 0xFF) == 0xFD;
    }

    private void hold(byte[] message) {
        held.add(message);
        heldBytes += message.length;
        if (held.size() > maxHeldMessages || heldBytes > maxHeldBytes) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "message " + root.count() + ": " + held.size()
                    + " messages (" + heldBytes + " B) await a checkpoint; forward them or use delivery=immediate");
        }
    }

    /**
     * Checks the sender's checkpoint after {@code messages} messages against this side's root; returns the held
     * messages it verifies.
     */
    public List<byte[]> checkpoint(long messages, String senderRoot) {
        if (messages != root.count()) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "checkpoint for " + messages + " messages came after "
                    + root.count() + " were decoded; forward each where the sender sent it");
        }
        if (!root.hex().equalsIgnoreCase(senderRoot)) {
            throw new StreamFailure(StreamFailure.Kind.BAD_DATA, "message " + messages + ": the root differs from "
                    + "the sender's checkpoint; the stream is damaged");
        }
        return release();
    }

    private List<byte[]> release() {
        List<byte[]> released = List.copyOf(held);
        held.clear();
        heldBytes = 0;
        return released;
    }

    /** The client ends the stream: it must have sent the frame's end. */
    public void end() {
        if (!ended) {
            throw new StreamFailure(StreamFailure.Kind.BAD_DATA, "truncated: the stream ended after message "
                    + root.count() + " without its end");
        }
    }

    /** Whether the frame's end (or the engine frames' empty end) has been decoded and checked. */
    public boolean ended() {
        return ended;
    }

    public StreamSummary summary() {
        return new StreamSummary(root.count(), root.bytes(), compressedBytes, root.hex());
    }

    /**
     * Native and heap memory the stream holds now: the engine's stream and held messages; a dictionary seeding it is
     * the dictionaries' cache's, shared.
     */
    public long memoryBytes() {
        return decompressor.memoryBytes() + heldBytes;
    }

    @Override
    public void close() {
        decompressor.close();
    }
}
