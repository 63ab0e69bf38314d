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
    CORRUPT_MESSAGE("corrupt-message", "The message is not a whole, intact frame", 400),
    MESSAGE_TOO_LARGE("message-too-large", "The message is larger than a message may be; use /v1/compress", 413),
    DIGEST_MISMATCH("digest-mismatch", "The decoded message does not have the SHA-256 the request expects", 422),
    UNKNOWN_DICTIONARY("unknown-dictionary", "No such dictionary is stored", 422),
    DICTIONARY_NEEDED("dictionary-needed", "The frame was made with a dictionary, and none was given", 422),
    DICTIONARY_MISMATCH("dictionary-mismatch", "The frame was made with another dictionary than the one given", 422),
    DICTIONARY_TRAINING_FAILED("dictionary-training-failed", "The samples make no dictionary", 422),
    INVALID_DICTIONARY("invalid-dictionary", "The bytes are not a dictionary the engine can use", 400),
    DICTIONARY_ID_MISMATCH("dictionary-id-mismatch", "The dictionary's SHA-256 is not the id it was sent to", 400),
    DICTIONARY_ID_CONFLICT("dictionary-id-conflict", "Another stored dictionary has the same zstd dictID", 409),
    DICTIONARY_TOO_LARGE("dictionary-too-large", "The dictionary is larger than this service stores", 413),
    DICTIONARY_STORE_READ_ONLY("dictionary-store-read-only", "The dictionary directory is read-only", 409),
    DICTIONARIES_NOT_CONFIGURED("dictionaries-not-configured", "No dictionary directory is configured", 503),
    DICTIONARIES_UNSUPPORTED("dictionaries-unsupported", "The serving engine has no dictionaries", 503),
    TAMPERED_DICTIONARY("tampered-dictionary", "A stored dictionary does not hash to its id", 500),
    DICTIONARY_STORE_FAILURE("dictionary-store-failure", "The dictionary store could not be read or written", 500),
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
