package io.harmony4.service;

/** The request body is larger than harmony4.limits.max-request-size. */
public final class RequestTooLargeException extends RuntimeException {
    private final long limit;

    RequestTooLargeException(long limit) {
        this(limit, "request body exceeds the limit of " + limit + " bytes (harmony4.limits.max-request-size)");
    }

    /** A limit of another name than the request size limit: {@code message} says which. */
    RequestTooLargeException(long limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The configured limit in bytes. */
    public long limit() {
        return limit;
    }
}
