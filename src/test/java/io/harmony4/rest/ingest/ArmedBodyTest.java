package io.harmony4.rest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A body taken from the socket ends only with the bytes its {@code Content-Length} declared: one that came short (the
 * intake placed after some of it went to Vert.x) fails, so that it is never compressed or decoded as if whole.
 */
class ArmedBodyTest {
    private final Connection connection = new Connection();
    private final Sink sink = new Sink();

    @Test
    void aBodyOfItsDeclaredLengthEnds() {
        ArmedBody body = armed(10);
        body.attach(sink);
        body.offer(piece(4));
        body.offer(piece(6));
        body.ended();
        assertEquals(10, sink.bytes);
        assertTrue(sink.ended);
        assertNull(sink.failure);
        assertEquals(0, connection.held(), "every buffer given back");
    }

    @Test
    void aBodyShorterThanDeclaredFailsInsteadOfEnding() {
        ArmedBody body = armed(10);
        body.attach(sink);
        body.offer(piece(4));
        body.ended();
        assertFalse(sink.ended);
        IntakeShortfallException failure = assertInstanceOf(IntakeShortfallException.class, sink.failure);
        assertTrue(failure.getMessage().contains("took 4 bytes") && failure.getMessage().contains("is 10"),
                failure.getMessage());
        assertEquals(0, connection.held(), "every buffer given back");
    }

    @Test
    void aShortBodyHeldBeforeItsSinkAttachedFailsWithTheSameCause() {
        ArmedBody body = armed(10);
        body.offer(piece(3));
        body.ended();
        body.attach(sink);
        assertFalse(sink.ended);
        assertInstanceOf(IntakeShortfallException.class, sink.failure);
        assertEquals(0, sink.bytes, "the held piece is dropped, not given to the sink");
        assertEquals(0, connection.held(), "every buffer given back");
    }

    @Test
    void aChunkedBodyEndsWhateverItsLength() {
        ArmedBody body = armed(-1);
        body.attach(sink);
        body.offer(piece(7));
        body.ended();
        assertTrue(sink.ended);
        assertNull(sink.failure);
    }

    @Test
    void aClientThatLeavesBeforeTheSinkAttachedIsReportedAsAnUnreadBody() {
        ArmedBody body = armed(10);
        body.offer(piece(3));
        body.interrupted(new java.nio.channels.ClosedChannelException());
        body.attach(sink);
        assertInstanceOf(IOException.class, sink.failure);
        assertEquals(0, connection.held(), "every buffer given back");
    }

    private ArmedBody armed(long declared) {
        ArmedBody body = new ArmedBody(connection, new Object(), declared);
        connection.current = body;
        return body;
    }

    private ByteBuf piece(int size) {
        connection.taken.add(Unpooled.buffer(size).writeZero(size));
        return connection.taken.getLast();
    }

    /** The connection's side, as SocketIntake plays it, counting the buffers not given back. */
    private static final class Connection implements IntakeControl {
        final List<ByteBuf> taken = new ArrayList<>();
        ArmedBody current;

        long held() {
            return taken.stream().filter(b -> b.refCnt() > 0).count();
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public boolean isCurrent(ArmedBody body) {
            return current == body;
        }

        @Override
        public void release(ByteBuf buffer) {
            buffer.release();
        }
    }

    /** An ingest that copies nothing and gives each piece back at once. */
    private final class Sink implements BodySink {
        long bytes;
        boolean ended;
        Throwable failure;

        @Override
        public boolean take(ByteBuf content) {
            bytes += content.readableBytes();
            connection.release(content);
            return true;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void fail(Throwable cause) {
            failure = cause;
        }
    }
}
