package io.harmony4.rest;

/**
 * The {@code delivery} query parameter of {@code /v1/compress} and {@code /v1/decompress}: when the answer's bytes
 * leave. {@code verified} (the default): a 200 means every check passed before the first byte. {@code streamed}: each
 * block's bytes leave once that block is checked, and a block after the first that fails ends the answer short
 * (docs/http-api.md).
 */
enum Delivery {
    VERIFIED,
    STREAMED;

    static final String COMPRESS_DESCRIPTION = "When the container leaves. verified (the default): once complete, "
            + "with the content root in a header. streamed: as it is made, chunked: each CORE chunk once its block is "
            + "compressed and checked, in order, then SEEK and TAIL, the content root as the HTTP trailer "
            + "Harmony4-Content-Root; read the answer while sending the body. A failure after the first byte ends "
            + "the answer short (no last chunk): docs/http-api.md, \"Streamed answers\".";
    static final String DECOMPRESS_DESCRIPTION = "When the content leaves. verified (the default): once every check "
            + "passed. streamed: the container is received and its TAIL, SEEK and content root checked, and the "
            + "first block against SEEK (a failure there is a problem answer), then the answer starts with its "
            + "Content-Length, and each block's bytes (of the range, with offset/length) follow once its SHA-256 "
            + "matches SEEK; a later block that fails ends the answer short, the connection closing before "
            + "Content-Length bytes. Version 2 containers and later only (a version 1 container is a "
            + "400 bad-parameter): docs/http-api.md, \"Streamed answers\".";

    /** Says on a streamed answer that its 200 came before the checks of the blocks after the first. */
    static final String HEADER = "Harmony4-Delivery";

    /** The parameter's value; null or empty means verified; anything else is a 400 bad-parameter. */
    static Delivery of(String value) {
        if (value == null || value.isEmpty() || value.equals("verified")) {
            return VERIFIED;
        }
        if (value.equals("streamed")) {
            return STREAMED;
        }
        throw new BadParameterException("delivery", "delivery must be verified or streamed, got '"
                + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
    }
}
