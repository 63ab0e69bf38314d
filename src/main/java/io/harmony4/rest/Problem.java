package io.harmony4.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code type} is one of the stable URIs in {@link ProblemType}; {@code detail} says,
 * for a person, what was wrong and what to do; extension members carry the facts (offset, chunk, limit, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem detail. Members beyond the five standard ones carry the "
        + "facts of the failure: offset and chunk (corrupt-container), parameter (bad-parameter), limit, declared "
        + "and allowed (limit-exceeded, body-too-large, message-too-large, dictionary-too-large), engine "
        + "(unsupported-codec, dictionaries-unsupported), dictionary or dictId (unknown-dictionary), expected and "
        + "actual (digest-mismatch).",
        additionalProperties = Schema.True.class)
public record Problem(
        @Schema(description = "stable URI of the problem type, urn:harmony4:problem:<name>",
                example = "urn:harmony4:problem:corrupt-container") String type,
        @Schema(description = "the problem type in words") String title,
        @Schema(description = "the HTTP status", example = "400") int status,
        @Schema(description = "what was wrong, for a person, and what to do") String detail,
        @Schema(description = "the request path") String instance,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, new LinkedHashMap<>());
    }

    Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** With one response header, such as the challenge of a 401. */
    Response toResponse(String header, String value) {
        return Response.status(status).type(MEDIA_TYPE).header(header, value).entity(this).build();
    }
}
