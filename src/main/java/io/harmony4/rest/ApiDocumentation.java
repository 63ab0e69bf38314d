package io.harmony4.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The parts of the OpenAPI document at {@code /q/openapi} that belong to the API as a whole rather than to one
 * endpoint: what a linter asks of it, and what a client generator names its classes after. SmallRye OpenAPI reads
 * {@code @OpenAPIDefinition} only from the JAX-RS {@link Application}; this one adds no path and restricts no
 * resource.
 */
@OpenAPIDefinition(
        info = @Info(title = "harmony4", version = "1",
                description = "Deterministic, verifiable compression: H4MK containers with CRC32C per chunk, a seek "
                        + "table and the SHA-256 of the content. Errors are RFC 9457 problem details "
                        + "(application/problem+json) with stable type URIs. Live streams of messages are WebSocket "
                        + "endpoints, which OpenAPI does not describe: /v1/streams/compress and /v1/streams/decompress, "
                        + "whose protocol is docs/streams.md (messages, checkpoints, the stream root, close codes).",
                license = @License(name = "Apache-2.0", identifier = "Apache-2.0")),
        servers = @Server(url = "/", description = "this harmony4 instance"),
        tags = {
            @Tag(name = ApiDocumentation.CONTAINERS, description = "Compress content into H4MK containers, "
                    + "decompress them (whole or a byte range), verify and inspect them"),
            @Tag(name = ApiDocumentation.ENGINE, description = "Which compression engine serves, and why"),
            @Tag(name = ApiDocumentation.DICTIONARIES, description = "Train, store and fetch zstd dictionaries, "
                    + "named by the SHA-256 of their bytes"),
            @Tag(name = ApiDocumentation.MESSAGES, description = "Small messages in one zstd frame each (or RFC "
                    + "9842 dcz), with or without a dictionary")
        })
public class ApiDocumentation extends Application {
    static final String CONTAINERS = "containers";
    static final String ENGINE = "engine";
    static final String DICTIONARIES = "dictionaries";
    static final String MESSAGES = "messages";
}
