package io.harmony4.service;

import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.MessageStreamCompressor;
import io.harmony4.stream.StreamRoot;

/**
 * One stream's compressing side (docs/streams.md): each message compressed and flushed by the engine's stream, its
 * root step taken, and the checkpoints due. Owns the engine's stream, whose close ends its lease on a dictionary
 * seeding it (the dictionary is the cache's, shared with messages).
 * One thread at a time.
 */
public final class CompressingStream implements AutoCloseable {
    private final MessageStreamCompressor compressor;
    private final StreamDescription description;
    private final int checkpointEvery;
    private final StreamRoot root = new StreamRoot();
    private long compressedBytes;

    CompressingStream(MessageStreamCompressor compressor, StreamDescription description, int checkpointEvery) {
        this.compressor = compressor;
        this.description = description;
        this.checkpointEvery = checkpointEvery;
    }

    public StreamDescription description() {
        return description;
    }

    /** The next message's compressed bytes, which a decoder turns back into it as soon as it has them. */
    public byte[] compress(byte[] message) {
        long number = root.count() + 1;
        if (message.length > description.maxMessageSize()) {
            throw StreamFailure.tooBig(number, message.length, description.maxMessageSize(), null);
        }
        byte[] compressed;
        try {
            compressed = compressor.compress(message);
        } catch (EngineFailureException e) {
            throw new StreamFailure(StreamFailure.Kind.INTERNAL, "message " + number + ": the engine failed", e);
        }
        root.add(message);
        compressedBytes += compressed.length;
        return compressed;
    }

    /** Messages between two checkpoints the service sends unasked; 0: only when asked. */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Whether the message just compressed completes a run of {@code checkpointEvery} (0: never). */
    public boolean checkpointDue() {
        return checkpointEvery > 0 && root.count() > 0 && root.count() % checkpointEvery == 0;
    }

    /** The end of the stream's bytes (the frame's last block and checksum; empty for engine frames). */
    public byte[] finish() {
        byte[] end;
        try {
            end = compressor.finish();
        } catch (EngineFailureException e) {
            throw new StreamFailure(StreamFailure.Kind.INTERNAL, "the end: the engine failed", e);
        }
        compressedBytes += end.length;
        return end;
    }

    public StreamSummary summary() {
        return new StreamSummary(root.count(), root.bytes(), compressedBytes, root.hex());
    }

    /** Native memory the stream holds now; a dictionary seeding it is the dictionaries' cache's, shared. */
    public long memoryBytes() {
        return compressor.memoryBytes();
    }

    @Override
    public void close() {
        compressor.close();
    }
}
