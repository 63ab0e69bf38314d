package io.harmony4.service;

/** A decoded message does not have the SHA-256 the client said it expects: nothing of it is sent. */
public final class DigestMismatchException extends RuntimeException {
    private final String expected;
    private final String actual;

    DigestMismatchException(String expected, String actual) {
        super("the decoded message has SHA-256 " + actual + ", not the " + expected + " the request expects");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
