package io.harmony4.rest;

/** Media types of the API. */
public final class MediaTypes {
    /** An H4MK container (docs/h4mk.md). */
    public static final String H4MK = "application/vnd.harmony4.h4mk";

    /**
     * How the OpenAPI document describes a container body. It lists application/octet-stream first because client
     * generators send a file as raw bytes only for that type (openapi-generator's Java client serialises it as JSON
     * for any other); both types are accepted.
     */
    static final String CONTAINER_BODY = "An H4MK container, sent as application/octet-stream or " + H4MK;

    private MediaTypes() {}
}
