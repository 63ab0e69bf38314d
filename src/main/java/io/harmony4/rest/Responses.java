package io.harmony4.rest;

import io.harmony4.engine.EngineInfo;
import io.harmony4.service.Spool;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** Building responses from spooled results, sent without a copy of their bytes on the Java side. */
final class Responses {
    static final String ENGINE_HEADER = "Harmony4-Engine";
    /** The 500 of a request that lists or writes the dictionary store: the operator's to fix, not the client's. */
    static final String DICTIONARY_STORE_FAILURE = "dictionary-store-failure: the dictionary store could not be read "
            + "or written (the operator's to fix)";
    /** The 500s of a request that reads a dictionary from the store, which a tampered file refuses too. */
    static final String DICTIONARY_STORE_PROBLEMS = "dictionary-store-failure: the dictionary store could not be "
            + "read or written; tampered-dictionary: a stored file does not hash to its id (the operator's to fix)";
    /** Version 1 containers only: the SHA-256 of the whole content, sent once it was checked. */
    static final String SHA256_HEADER = "Harmony4-Content-SHA256";
    /** The content root (H4MK version 2): the content's identity, sent once it was checked. */
    static final String ROOT_HEADER = "Harmony4-Content-Root";
    /**
     * How the bytes of a decompress answer were checked: {@code sha256} (every byte against a SHA-256: the blocks'
     * bound to the content root, or the whole content's) or {@code block-checksum} (a range of a version 1
     * container: each block's CRC32C and its engine's checksum only).
     */
    static final String VERIFICATION_HEADER = "Harmony4-Verification";

    private Responses() {}

    /**
     * Sends a spool as the body and deletes it when the exchange ends, however it ends: a spool file goes out with
     * {@code sendfile} from the page cache, an in-memory one as the arrays and direct blocks it holds
     * ({@link HeldSegmentsWriter}, each retained while Netty writes it), whose memory goes back to the budget then.
     */
    static Response.ResponseBuilder body(Spool spool, String mediaType, RoutingContext exchange) throws IOException {
        exchange.addEndHandler(done -> closeQuietly(spool));
        if (exchange.response().closed()) {
            // The client left while the result was being made: its connection closed before that handler existed,
            // so the handler will never run. Nothing can be sent; the spool goes now (a load tool closing its
            // connections at the end of a run left such a file behind).
            closeQuietly(spool);
            return Response.noContent();
        }
        java.nio.file.Path file = spool.fileOrNull();
        Object entity = file != null ? file : HeldSegments.borrowed(spool.buffersOrNull(), spool.size());
        return Response.ok(entity, mediaType);
    }

    static String engine(EngineInfo info) {
        return info.id() + "/" + info.version() + " (" + info.codec() + ", level " + info.level() + ")";
    }

    private static void closeQuietly(Spool spool) {
        try {
            spool.close();
        } catch (IOException ignored) {
            // best effort: the spool is already gone or its folder is
        }
    }
}
