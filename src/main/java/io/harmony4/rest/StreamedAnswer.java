package io.harmony4.rest;

/**
 * The entity of a {@code delivery=streamed} answer, which holds its exchange's Vert.x response: Quarkus REST sets the
 * status and headers (they go out with the first write, through its headers-end handler), then starts it
 * ({@link StreamedAnswerWriter}), and it sends the body itself, as its blocks are ready, and ends it.
 */
interface StreamedAnswer {
    /** Starts sending the body; must not block (it runs where Quarkus REST writes entities). */
    void start();
}
