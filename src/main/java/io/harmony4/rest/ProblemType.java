package io.harmony4.rest;

/** Every failure the API reports, with its stable type URI and HTTP status (docs/http-api.md). */
public enum ProblemType {
    CORRUPT_CONTAINER("corrupt-container", "The H4MK container is damaged, truncated or malformed", 400),
    UNSUPPORTED_CODEC("unsupported-codec", "A block was made by an engine this service does not have", 422),
    BODY_TOO_LARGE("body-too-large", "The request body is larger than this service accepts", 413),
    LIMIT_EXCEEDED("limit-exceeded", "The container declares more than this service's limits allow", 422),
    BAD_PARAMETER("bad-parameter", "A query parameter is invalid", 400),
    INVALID_RANGE("invalid-range", "The requested byte range is outside the content", 416),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request's Content-Type is not accepted here", 415),
    NOT_ACCEPTABLE("not-acceptable", "None of the accepted response types can be produced", 406),
    NOT_FOUND("not-found", "No such resource", 404),
    UNAUTHORIZED("unauthorized", "A valid bearer token is required", 401),
    FORBIDDEN("forbidden", "The token does not allow this request", 403),
    METHOD_NOT_ALLOWED("method-not-allowed", "This method is not allowed on this resource", 405),
    BAD_REQUEST("bad-request", "The request is malformed", 400),
    ENGINE_FAILURE("engine-failure", "The compression engine failed", 500),
    INTERNAL("internal", "Internal error", 500);

    private static final String BASE = "urn:harmony4:problem:";

    private final String name;
    private final String title;
    private final int status;

    ProblemType(String name, String title, int status) {
        this.name = name;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + name;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
