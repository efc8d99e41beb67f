package dev.vigil.query.services;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of services, by name. */
@Schema(name = "ServicePage")
record ServicePage(
        List<ServiceSummary> services,
        @Schema(description = "Pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
