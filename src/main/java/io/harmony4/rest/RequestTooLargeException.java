package io.harmony4.rest;

/** The request body is larger than harmony4.limits.max-request-size. */
final class RequestTooLargeException extends RuntimeException {
    final long limit;

    RequestTooLargeException(long limit) {
        super("request body exceeds the limit of " + limit + " bytes (harmony4.limits.max-request-size)");
        this.limit = limit;
    }
}
