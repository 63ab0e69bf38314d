package io.harmony4.rest;

/** Media types of the API. */
public final class MediaTypes {
    /** An H4MK container (docs/h4mk.md). */
    public static final String H4MK = "application/vnd.harmony4.h4mk";

    private MediaTypes() {}
}
