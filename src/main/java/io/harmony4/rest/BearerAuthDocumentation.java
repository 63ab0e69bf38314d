package io.harmony4.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents the authentication of the API's operations (all under {@code /v1}) as it is configured: with
 * {@code quarkus.http.auth.permission.api.enabled} on, a bearer-JWT scheme required by every operation; off, an
 * empty requirement, OpenAPI's way of saying that no credentials are needed. The switch is runtime configuration, so
 * this runs at build time (for the stored document) and again at start-up.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class BearerAuthDocumentation implements OASFilter {
    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boolean on = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.auth.permission.api.enabled", Boolean.class).orElse(false);
        if (!on) {
            // A document built with authentication on may be served with it off: drop the scheme, now unused.
            if (openAPI.getComponents() != null) {
                openAPI.getComponents().removeSecurityScheme(SCHEME);
            }
            openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement()));
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("a JWT signed by the issuer this service trusts (mp.jwt.verify.*)"));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
    }
}
