package io.harmony4.rest;

import io.harmony4.service.ContainerService;
import io.harmony4.service.StreamedDecompression;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code POST /v1/decompress}: an H4MK container in, the verified original bytes (or a byte range) out. */
@Path("/v1/decompress")
@Tag(name = ApiDocumentation.CONTAINERS)
public class DecompressResource {
    private final ContainerService service;
    private final ServiceMetrics metrics;
    private final StreamedDecompression streamed;

    DecompressResource(ContainerService service, ServiceMetrics metrics, StreamedDecompression streamed) {
        this.service = service;
        this.metrics = metrics;
        this.streamed = streamed;
    }

    @POST
    @Consumes({MediaTypes.H4MK, MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(operationId = "decompress", summary = "Decompress an H4MK container",
            description = "Without offset and length, the whole content is decoded and checked: every CRC, the seek "
                    + "table, every block's SHA-256 and the content root (version 1 containers: the SHA-256 of the "
                    + "content). The body is sent only once all checks passed. With offset and/or length, only the "
                    + "blocks the range overlaps are decoded, each checked against its SHA-256, which the content "
                    + "root binds (version 1: by its CRC and its engine's checksum only); "
                    + Responses.VERIFICATION_HEADER + " says which.")
    @RequestBody(required = true, description = MediaTypes.CONTAINER_BODY, content = {
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
                format = "binary")),
        @Content(mediaType = MediaTypes.H4MK, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "The content, or the requested range of it",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = {
                @Header(name = Responses.ENGINE_HEADER, description = "the engine ids the container's header names, "
                        + "comma-separated", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = Responses.VERIFICATION_HEADER, description = "sha256: every byte was checked "
                        + "against a SHA-256; block-checksum: a range of a version 1 container, checked by CRC32C "
                        + "and the engine's checksum only", schema = @Schema(type = SchemaType.STRING,
                        enumeration = {"sha256", "block-checksum"})),
                @Header(name = Responses.ROOT_HEADER, description = "version 2: the checked content root, hex",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = Responses.SHA256_HEADER, description = "version 1, whole content: its checked "
                        + "SHA-256, hex", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "corrupt-container or bad-parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body-too-large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "416", description = "invalid-range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "limit-exceeded or unsupported-codec",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> decompress(
            @Parameter(description = "First content byte to return (default 0)", example = "0",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @RestQuery("offset") Long offset,
            @Parameter(description = "How many bytes to return (default: to the end)", example = "4096",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @RestQuery("length") Long length,
            @Parameter(description = Delivery.DECOMPRESS_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"verified", "streamed"},
                            defaultValue = "verified"))
            @RestQuery("delivery") String delivery,
            @Context RoutingContext exchange) {
        // On the event loop: the body is fed to the service as it arrives (IngestedBody), and the answer is made once
        // the content is decoded and verified, or, streamed, once the container's TAIL, SEEK and root are checked.
        if (Delivery.of(delivery) == Delivery.STREAMED) {
            return IngestedBody.ingest(exchange.request(),
                    resume -> streamed.start(offset == null ? 0 : offset, length, resume),
                    content -> StreamedDecompressAnswer.of(exchange, content, metrics));
        }
        if (offset == null && length == null) {
            return IngestedBody.ingest(exchange.request(), service::startDecompression, result -> {
                metrics.transferred("decompress", result.containerSize(), result.content().size());
                return verified(result, exchange).build();
            });
        }
        // a range needs the whole container first, for random access: received into a spool, then read
        return IngestedBody.ingest(exchange.request(),
                resume -> service.startRangeDecompression(offset == null ? 0 : offset, length, resume), result -> {
                    metrics.transferred("decompress", result.containerSize(), result.content().size());
                    return verified(result, exchange).build();
                });
    }

    /** The content with the headers that say what it was checked against. */
    private static Response.ResponseBuilder verified(ContainerService.Decompressed result, RoutingContext exchange) {
        try {
            return Responses.body(result.content(), MediaType.APPLICATION_OCTET_STREAM, exchange)
                    .header(Responses.VERIFICATION_HEADER, result.sha256Verified() ? "sha256" : "block-checksum")
                    .header(Responses.ROOT_HEADER, result.root())
                    .header(Responses.SHA256_HEADER, result.sha256())
                    .header(Responses.ENGINE_HEADER, String.join(", ", result.engines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
