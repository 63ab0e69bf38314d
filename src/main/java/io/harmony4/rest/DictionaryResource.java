package io.harmony4.rest;

import io.harmony4.dictionary.DictionaryListing;
import io.harmony4.dictionary.DictionaryOrigin;
import io.harmony4.dictionary.StoredDictionary;
import io.harmony4.service.DictionaryService;
import io.harmony4.service.InvalidParameterException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code /v1/dictionaries}: train, store, fetch and list the zstd dictionaries that messages use. */
@Path(DictionaryResource.PATH)
@Tag(name = ApiDocumentation.DICTIONARIES)
public class DictionaryResource {
    /** The name of the form's file parts, one per sample. */
    static final String SAMPLE_PART = "sample";
    /** The path of the training method, which {@link TrainingUploadLimit} bounds before it reads the body. */
    static final String PATH = "/v1/dictionaries";
    /** The training method, which {@link TrainingUploadLimit} guards before its body is read. */
    static final String TRAIN_METHOD = "train";

    private final DictionaryService service;

    DictionaryResource(DictionaryService service) {
        this.service = service;
    }

    /** One dictionary as the listing and the answers to train and put show it. */
    @Schema(name = "Dictionary", description = "A stored dictionary")
    public record DictionaryView(
            @Schema(description = "the SHA-256 of its bytes, lower-case hex: its id") String id,
            @Schema(description = "its size in bytes") int size,
            @Schema(description = "the zstd dictID its frames name; 0 for a raw-content dictionary") long dictId,
            @Schema(description = "how it was made: trained, put, or unrecorded (placed in the directory by other "
                    + "means)") String made,
            @Schema(description = "trained: the number of samples") Integer samples,
            @Schema(description = "trained: the samples' bytes in all") Long sampleBytes,
            @Schema(description = "trained: the target size asked for") Integer targetSize) {
        static DictionaryView of(StoredDictionary d) {
            return switch (d.origin()) {
                case DictionaryOrigin.Trained t -> new DictionaryView(d.id().hex(), d.size(), d.dictId(), "trained",
                        t.sampleCount(), t.sampleBytes(), t.targetSize());
                case DictionaryOrigin.Put p -> new DictionaryView(d.id().hex(), d.size(), d.dictId(), "put", null,
                        null, null);
                case DictionaryOrigin.Unrecorded u -> new DictionaryView(d.id().hex(), d.size(), d.dictId(),
                        "unrecorded", null, null, null);
            };
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "trainDictionary", summary = "Train a dictionary from samples",
            description = "Each file part named 'sample' is one sample. zstd's "
                    + "dictionary builder makes the dictionary with fixed parameters: the same samples, in the same "
                    + "order, and the same size give the same dictionary, so the same id. It is stored, and its "
                    + "Location is its id.")
    @APIResponse(responseCode = "201", description = "Trained and stored (or already stored: the same id)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DictionaryView.class)))
    @APIResponse(responseCode = "400", description = "bad-parameter: no samples, or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "dictionary-store-read-only, dictionary-id-conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body-too-large: the request is larger than "
            + "harmony4.dictionaries.max-training-size; refused from its Content-Length before it is read, or when "
            + "a chunked upload reaches it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "unsupported-media-type: send multipart/form-data, one part "
            + "per sample",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "dictionary-training-failed: too few or too small samples",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_FAILURE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured, dictionaries-unsupported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response train(
            @Schema(type = SchemaType.ARRAY, implementation = String.class, format = "binary")
            @RestForm(SAMPLE_PART) List<FileUpload> samples,
            @Parameter(description = "target size of the dictionary in bytes (default zstd's, 112640, within "
                    + "harmony4.dictionaries.max-size); also accepted as a form field", example = "112640",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                            minimum = "" + DictionaryService.MIN_TRAINED_SIZE, maximum = "1048576"))
            @RestQuery("size") Integer size,
            @Schema(hidden = true) @RestForm("size") String formSize) throws IOException {
        Integer target = size != null ? size : parseSize(formSize);
        StoredDictionary trained = service.train(read(samples), target);
        return Response.created(URI.create("/v1/dictionaries/" + trained.id().hex()))
                .type(MediaType.APPLICATION_JSON).entity(DictionaryView.of(trained)).build();
    }

    private static Integer parseSize(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("size", "size must be an integer (bytes), got '" + text + "'");
        }
    }

    /** The samples' bytes: their total is below the body's length, which {@link TrainingUploadLimit} bounded. */
    private static List<byte[]> read(List<FileUpload> uploads) throws IOException {
        List<byte[]> samples = new ArrayList<>(uploads.size());
        for (FileUpload upload : uploads) {
            samples.add(Files.readAllBytes(upload.uploadedFile()));
        }
        return samples;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "putDictionary", summary = "Store a dictionary made elsewhere",
            description = "For example one made by zstd --train. The engine reads it first (damaged tables are "
                    + "refused). Idempotent: 201 when it was stored now, 200 when it was stored already; the body "
                    + "is the stored dictionary either way.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "200", description = "Stored already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DictionaryView.class)))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DictionaryView.class)))
    @APIResponse(responseCode = "400", description = "dictionary-id-mismatch: the body's SHA-256 is not {id}; "
            + "invalid-dictionary; bad-parameter: {id} is not 64 hex digits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "dictionary-store-read-only, dictionary-id-conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "dictionary-too-large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_FAILURE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured, dictionaries-unsupported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@Parameter(description = "the dictionary's SHA-256, lower-case hex") @RestPath String id,
            InputStream body) throws IOException {
        service.checkWritable();
        byte[] bytes = body.readNBytes(service.maxSize() + 1);
        service.checkSize(bytes.length);
        DictionaryService.Stored stored = service.put(id, bytes);
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/dictionaries/" + stored.dictionary().id().hex()))
                .type(MediaType.APPLICATION_JSON).entity(DictionaryView.of(stored.dictionary())).build();
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(operationId = "getDictionary", summary = "A dictionary's bytes",
            description = "Verified against its id before they are sent; usable as is with zstd -D.")
    @APIResponse(responseCode = "200", description = "The dictionary",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "422", description = "unknown-dictionary",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_PROBLEMS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "the dictionary's SHA-256, lower-case hex") @RestPath String id)
            throws IOException {
        return Response.ok(service.get(id), MediaType.APPLICATION_OCTET_STREAM).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "listDictionaries", summary = "The stored dictionaries",
            description = "Each with its id, size, zstd dictID and how it was made; files of the directory that "
                    + "do not hash to their names, or cannot be read, are listed under refused, and never used.")
    @APIResponse(responseCode = "200", description = "The dictionaries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, properties = {
                @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(name = "dictionaries",
                        type = SchemaType.ARRAY, implementation = DictionaryView.class),
                @org.eclipse.microprofile.openapi.annotations.media.SchemaProperty(name = "refused",
                        type = SchemaType.ARRAY, implementation = String.class,
                        description = "why each refused file was refused")})))
    @APIResponse(responseCode = "500", description = Responses.DICTIONARY_STORE_FAILURE,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "dictionaries-not-configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Map<String, Object> list() throws IOException {
        DictionaryListing listing = service.list();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dictionaries", listing.dictionaries().stream().map(DictionaryView::of).toList());
        out.put("refused", Stream.concat(listing.refused().stream(), listing.unreadable().stream())
                .map(Throwable::getMessage).toList());
        return out;
    }
}
