package io.harmony4.rest;

import io.harmony4.container.ContainerReport;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Says in the OpenAPI document what the {@link ContainerReport} record cannot say itself, the container package
 * being plain Java without MicroProfile annotations: its {@code sha256} is a version 1 field, absent from the reports
 * of later versions.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContainerReportDocumentation implements OASFilter {
    static final String SHA256_DESCRIPTION = "The trailer's SHA-256 of the whole content, hex: version 1 containers "
            + "only; absent for versions 2 and 3, whose content is identified by root";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema report = openAPI.getComponents().getSchemas().get(ContainerReport.class.getSimpleName());
        report.getProperties().get("sha256").setDescription(SHA256_DESCRIPTION);
    }
}
