package io.harmony4.rest.ingest;

/**
 * A body taken from the socket ended with other than the bytes its {@code Content-Length} declared: some of it reached
 * Vert.x before the intake was placed (Vert.x routing a connection's first request only after reading some of its
 * body, which Quarkus 3.36's handler chain does not do). A server fault, answered as one, never a short result.
 */
public final class IntakeShortfallException extends IllegalStateException {
    public IntakeShortfallException(long taken, long declared) {
        super("the socket intake took " + taken + " bytes of a body whose Content-Length is " + declared
                + "; part of it went by unseen (harmony4.http.direct-intake=false leaves bodies to Vert.x)");
    }
}
