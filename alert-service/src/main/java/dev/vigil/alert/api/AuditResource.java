package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.audit.AuditEntry;
import dev.vigil.alert.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The audit log: who changed which rule, route, channel, silence or dashboard. */
// Who changed what is for admins, as keys and users are.
@RolesAllowed(Role.ADMIN_NAME)
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Changes, newest first",
            description = "Each entry: when, who (actor), what was done (create, update, delete, restore, import), to which"
                    + " object (kind, id, name), and a summary of the change without secrets. 400 names a bad parameter.")
    public Uni<List<AuditEntry>> list(
            @Parameter(description = "rule, route, channel, silence, dashboard, key, ingest-token or user") @RestQuery String kind,
            @Parameter(description = "Only this actor's changes") @RestQuery String actor,
            @Parameter(description = "From this instant on (ISO-8601, inclusive)") @RestQuery String from,
            @Parameter(description = "Before this instant (ISO-8601, exclusive)") @RestQuery String to,
            @Parameter(description = "At most this many entries; default 100, at most 1000") @RestQuery String limit) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        int count = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                count = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException(errors));
        }
        return audit.find(blankToNull(kind), blankToNull(actor), start, end, count);
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
