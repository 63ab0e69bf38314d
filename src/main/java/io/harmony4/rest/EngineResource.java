package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.EngineInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** {@code GET /v1/engine}: which engine serves, its public info, and why the core is not in use if it is not. */
@Path("/v1/engine")
public class EngineResource {
    private final ActiveEngine active;

    EngineResource(ActiveEngine active) {
        this.active = active;
    }

    /** Public engine metadata plus the selection outcome. */
    public record EngineView(String id, String version, int abiVersion, String codec, int level, String mode,
            String requested, String fallbackReason) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public EngineView engine() {
        EngineInfo info = active.engine().info();
        return new EngineView(info.id(), info.version(), info.abiVersion(), info.codec(), info.level(), active.mode(),
                active.requested().name().toLowerCase(Locale.ROOT), active.fallbackReason().orElse(null));
    }
}
