package dev.vigil.query.services;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a service's operations, by name then kind. */
@Schema(name = "OperationPage")
record OperationPage(
        String service,
        List<Operation> operations,
        @Schema(description = "Pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
