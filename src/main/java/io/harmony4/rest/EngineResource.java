package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.EngineInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/engine}: which engine serves, its public info, and why the core is not in use if it is not. */
@Path("/v1/engine")
@Tag(name = ApiDocumentation.ENGINE)
public class EngineResource {
    private final ActiveEngine active;

    EngineResource(ActiveEngine active) {
        this.active = active;
    }

    /** Public engine metadata plus the selection outcome; {@code kernels} is null where the engine names none. */
    public record EngineView(String id, String version, int abiVersion, String codec, int level,
            @Schema(description = "the filter kernel set the core chose when it loaded: plain, sse2, avx2 or avx512; "
                    + "null for the reference engine and for a core that does not name it", nullable = true)
            String kernels,
            String mode, String requested, String fallbackReason) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "engine", summary = "Which engine serves",
            description = "The serving engine's public metadata, the configured mode, and the reason the core is not "
                    + "in use when the service fell back to the reference engine.")
    @APIResponse(responseCode = "200", description = "The serving engine",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EngineView.class)))
    @APIResponse(responseCode = "406", description = "not-acceptable: the answer is application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EngineView engine() {
        EngineInfo info = active.engine().info();
        return new EngineView(info.id(), info.version(), info.abiVersion(), info.codec(), info.level(),
                info.kernels().orElse(null), active.mode(), active.requested().name().toLowerCase(Locale.ROOT),
                active.fallbackReason().orElse(null));
    }
}
