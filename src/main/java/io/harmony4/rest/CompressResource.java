package io.harmony4.rest;

import io.harmony4.service.CompressOptions;
import io.harmony4.service.ContainerService;
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
import java.util.concurrent.CompletableFuture;
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

/** {@code POST /v1/compress}: raw bytes in, an H4MK container out. */
@Path("/v1/compress")
@Tag(name = ApiDocumentation.CONTAINERS)
public class CompressResource {
    private final ContainerService service;
    private final ServiceMetrics metrics;

    CompressResource(ContainerService service, ServiceMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces({MediaTypes.H4MK, Problem.MEDIA_TYPE})
    @Operation(operationId = "compress", summary = "Compress bytes into an H4MK container",
            description = "The body is streamed into blocks that are compressed in parallel. The container is sent "
                    + "once complete, with the content root in a header.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The container",
            content = @Content(mediaType = MediaTypes.H4MK, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = {
                @Header(name = Responses.ENGINE_HEADER, description = "engine id/version (codec, level)",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = Responses.ROOT_HEADER, description = "the content root, hex: the content's identity, "
                        + "which binds every block's SHA-256, size and place (docs/h4mk.md, \"Content root\")",
                        schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "bad-parameter: level, blockSize, filter or elementSize is "
            + "invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body-too-large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "unsupported-media-type: send application/octet-stream",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> compress(
            @Parameter(description = "zstd compression level of the core engine (default harmony4.core.level, 3); "
                    + "the reference engine has no levels and refuses this parameter", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "-131072", maximum = "22"))
            @RestQuery("level") Integer level,
            @Parameter(description = "Block size in bytes (default harmony4.container.block-size, 1 MiB); at most "
                    + "harmony4.limits.max-block-size, 16 MiB unless configured", example = "1048576",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                            minimum = "" + ContainerService.MIN_BLOCK_SIZE, maximum = "16777216"))
            @RestQuery("blockSize") Integer blockSize,
            @Parameter(description = "Filters every block goes through before the engine, undone on decompression "
                    + "(docs/filters.md): up to 4, comma-separated, each a name and an element size in bytes: "
                    + "shuffle:2|4|8, bitshuffle:2|4|8, delta:1|2|4|8, wavelet:2|4 (the 5/3 integer wavelet); none "
                    + "(the default); or auto, a deterministic choice per block, tried on a sample of it (at "
                    + "elementSize, or at 2, 4 and 8). With filters the container is H4MK version 3, which inspect "
                    + "shows per block.",
                    example = "wavelet:2,shuffle:2", schema = @Schema(type = SchemaType.STRING))
            @RestQuery("filter") String filter,
            @Parameter(description = "Element size in bytes of the filters named in filter without one, e.g. "
                    + "filter=shuffle&elementSize=4, or the one auto chooses for (2, 4 or 8)", example = "4",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", enumeration = {"1", "2", "4", "8"}))
            @RestQuery("elementSize") Integer elementSize,
            @Parameter(description = Delivery.COMPRESS_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"verified", "streamed"},
                            defaultValue = "verified"))
            @RestQuery("delivery") String delivery,
            @Context RoutingContext exchange) {
        // every parameter is checked here, before the body is read: a bad one costs no byte of it
        CompressOptions options = service.options(level, blockSize, filter, elementSize);
        if (Delivery.of(delivery) == Delivery.STREAMED) {
            return CompletableFuture.completedFuture(StreamedCompressAnswer.start(exchange, service, options,
                    metrics));
        }
        // On the event loop: the body goes into blocks as it arrives (IngestedBody), and the answer is made once the
        // container is complete.
        return IngestedBody.compress(exchange.request(), service, options, result -> {
            metrics.transferred("compress", result.contentSize(), result.container().size());
            try {
                return Responses.body(result.container(), MediaTypes.H4MK, exchange)
                        .header(Responses.ENGINE_HEADER, Responses.engine(options.engine().info()))
                        .header(Responses.ROOT_HEADER, result.root())
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
