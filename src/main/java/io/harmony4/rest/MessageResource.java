package io.harmony4.rest;

import io.harmony4.service.MessageIngest;
import io.harmony4.service.MessageService;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /v1/messages}: small payloads in one frame each, with or without a dictionary (docs/dictionaries.md). */
@Path("/v1/messages")
@Tag(name = ApiDocumentation.MESSAGES)
public class MessageResource {
    /** RFC 8878's media type of a zstd frame. */
    static final String ZSTD = "application/zstd";
    /** The dictionary a message was made or decoded with. */
    static final String DICTIONARY_HEADER = "Harmony4-Dictionary";
    /** RFC 9530: the digest of the representation sent, here the decoded message. */
    static final String REPR_DIGEST_HEADER = "Repr-Digest";
    private static final String NONE = "none";

    private final MessageService service;
    private final ServiceMetrics metrics;
    private final MessageWork work;

    MessageResource(MessageService service, ServiceMetrics metrics, MessageWork work) {
        this.service = service;
        this.metrics = metrics;
        this.work = work;
    }

    @POST
    @Path("/compress")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces({ZSTD, MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(operationId = "compressMessage", summary = "Compress one small message",
            description = "No container: one RFC 8878 zstd frame with the content size and checksum, and the "
                    + "dictionary's dictID when one is used (format=zstd); or RFC 9842's dcz, the 40-byte header "
                    + "naming the dictionary's SHA-256 then the frame made with the dictionary's bytes as a raw prefix, as RFC "
                    + "9842 decoders apply it (format=dcz, with any dictionary). With "
                    + "the reference engine serving, the message is that engine's own frame and dictionaries are "
                    + "refused. Bodies above harmony4.messages.max-size (1 MiB) belong in /v1/compress.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The compressed message: application/zstd for a zstd "
            + "frame, application/octet-stream for dcz and the reference engine's frames",
            content = {
                @Content(mediaType = ZSTD, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))},
            headers = {
                @Header(name = Responses.SHA256_HEADER, description = "the SHA-256 of the original message, hex "
                        + "(not Repr-Digest: the body sent is the compressed message)",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = DICTIONARY_HEADER, description = "the id of the dictionary used, or none",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = Responses.ENGINE_HEADER, description = "engine id/version (codec, level)",
                        schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "bad-parameter: dictionary, level or format is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "message-too-large: use /v1/compress",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "unknown-dictionary",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_PROBLEMS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured, dictionaries-unsupported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> compress(
            @Parameter(description = "id of a stored dictionary (its SHA-256, lower-case hex)",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-f]{64}$"))
            @RestQuery("dictionary") String dictionary,
            @Parameter(description = "zstd compression level of the core engine (default harmony4.core.level, 3); "
                    + "with a dictionary, the level its digest is made at", example = "3",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "-131072", maximum = "22"))
            @RestQuery("level") Integer level,
            @Parameter(description = "zstd (the default): a plain zstd frame; dcz: RFC 9842's Dictionary-Compressed "
                    + "Zstandard, with any dictionary applied as raw content (a prefix)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"zstd", "dcz"}))
            @RestQuery("format") String format,
            @Context RoutingContext exchange) {
        // every parameter is checked here, before the body is read: a bad one costs no byte of it
        MessageService.Options options = service.options(dictionary, level, format);
        return body(exchange, service.maxSize()).thenCompose(content -> work.run(
                () -> service.compressQuickly(content, options), () -> service.compress(content, options)))
                .thenApply(result -> compressed(result, options));
    }

    private Response compressed(MessageService.Compressed result, MessageService.Options options) {
        String used = result.dictionary().map(Object::toString).orElse(NONE);
        metrics.message("compressMessage", used, result.contentSize(), result.message().length);
        String type = options.format() == MessageService.Format.ZSTD && result.engine().codec().startsWith("zstd")
                ? ZSTD : MediaType.APPLICATION_OCTET_STREAM;
        return Response.ok(result.message(), type)
                .header(Responses.SHA256_HEADER, result.contentSha256())
                .header(DICTIONARY_HEADER, used)
                .header(Responses.ENGINE_HEADER, Responses.engine(result.engine()))
                .build();
    }

    @POST
    @Path("/decompress")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, ZSTD})
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(operationId = "decompressMessage", summary = "Decode one message",
            description = "Takes a zstd frame or a dcz message. The dictionary is the one the dcz header names, else "
                    + "the one the frame's dictID names, else the one named by the dictionary parameter (frames of "
                    + "raw-content dictionaries name none), else none. The frame's checksum is checked; with "
                    + MessageService.EXPECT_HEADER + " the content's SHA-256 is too, and a mismatch sends no byte.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "The message",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = {
                @Header(name = REPR_DIGEST_HEADER, description = "RFC 9530: sha-256=:<base64>: of the message",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = DICTIONARY_HEADER, description = "the id of the dictionary used, or none",
                        schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "corrupt-message; bad-parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "message-too-large: the body, or the content its frame "
            + "declares, is larger than a message may be; use /v1/decompress with a container",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "unknown-dictionary, dictionary-needed, dictionary-mismatch, "
            + "digest-mismatch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_PROBLEMS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured, dictionaries-unsupported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> decompress(
            @Parameter(description = "id of the dictionary to decode with, for frames that name none (made with a "
                    + "raw-content dictionary)", schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-f]{64}$"))
            @RestQuery("dictionary") String dictionary,
            @Parameter(description = "the SHA-256 (hex) the decoded message must have, e.g. the "
                    + Responses.SHA256_HEADER + " its compression answered with",
                    schema = @Schema(type = SchemaType.STRING))
            @RestHeader(MessageService.EXPECT_HEADER) String expectedSha256,
            @Context RoutingContext exchange) {
        MessageService.Decoding decoding = service.decoding(dictionary, expectedSha256);
        return body(exchange, service.maxCompressedSize()).thenApply(service::parse).thenCompose(message -> work.run(
                () -> service.decompressQuickly(message, decoding), () -> service.decompress(message, decoding)))
                .thenApply(this::decompressed);
    }

    /**
     * The whole body, taken on the event loop as the socket delivers it ({@link IngestedBody}), at most {@code limit}
     * bytes: one over it is refused by its {@code Content-Length} before a byte is read, or as soon as its bytes pass
     * the limit, the rest dropped as it comes.
     */
    private static CompletionStage<byte[]> body(RoutingContext exchange, long limit) {
        HttpServerRequest request = exchange.request();
        return IngestedBody.ingest(request, resume -> new MessageIngest(limit, IngestedBody.declaredLength(request)),
                content -> content);
    }

    private Response decompressed(MessageService.Decompressed result) {
        String used = result.dictionary().map(Object::toString).orElse(NONE);
        metrics.message("decompressMessage", used, result.messageSize(), result.content().length);
        return Response.ok(result.content(), MediaType.APPLICATION_OCTET_STREAM)
                .header(REPR_DIGEST_HEADER, "sha-256=:" + Base64.getEncoder().encodeToString(result.sha256()) + ":")
                .header(DICTIONARY_HEADER, used)
                .build();
    }
}
