package io.harmony4.rest;

import io.harmony4.container.ContainerReport;
import io.harmony4.service.ContainerService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /v1/verify} and {@code POST /v1/inspect}: JSON reports on a container. */
@Path("/v1")
@Tag(name = ApiDocumentation.CONTAINERS)
public class InspectionResource {
    private final ContainerService service;
    private final ServiceMetrics metrics;

    InspectionResource(ContainerService service, ServiceMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @POST
    @Path("/verify")
    @Consumes({MediaTypes.H4MK, MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "verify", summary = "Verify a container completely",
            description = "Decodes every block and checks every CRC, the seek table, the trailer and the SHA-256 of "
                    + "the content; keeps no output. 200 means the container is intact (contentVerified: true); a "
                    + "damaged one is a corrupt-container problem saying where.")
    @RequestBody(required = true, description = MediaTypes.CONTAINER_BODY, content = {
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
                format = "binary")),
        @Content(mediaType = MediaTypes.H4MK, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "The container is intact",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContainerReport.class)))
    @APIResponse(responseCode = "400", description = "corrupt-container",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "limit-exceeded or unsupported-codec",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body-too-large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContainerReport verify(InputStream body) throws IOException {
        ContainerReport report = service.verify(body);
        metrics.transferred("verify", report.containerSize(), 0);
        return report;
    }

    @POST
    @Path("/inspect")
    @Consumes({MediaTypes.H4MK, MediaType.APPLICATION_OCTET_STREAM})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "inspect", summary = "Describe a container's structure",
            description = "Chunks, blocks, codecs and sizes. Checks framing, every CRC, the seek table and the trailer "
                    + "but decodes no block (contentVerified: false); use verify for the full check.")
    @RequestBody(required = true, description = MediaTypes.CONTAINER_BODY, content = {
        @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING,
                format = "binary")),
        @Content(mediaType = MediaTypes.H4MK, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "The container's structure",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContainerReport.class)))
    @APIResponse(responseCode = "400", description = "corrupt-container",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body-too-large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContainerReport inspect(InputStream body) throws IOException {
        ContainerReport report = service.inspect(body);
        metrics.transferred("inspect", report.containerSize(), 0);
        return report;
    }
}
