package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.state.AlertHistoryEntry;
import dev.vigil.alert.state.AlertStates;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Current alerts and their history. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class AlertResource {

    static final int MAX_HISTORY = 1000;

    private final AlertStates alerts;

    AlertResource(AlertStates alerts) {
        this.alerts = alerts;
    }

    /** One state change of an alert. */
    public record HistoryView(String eventId, long ruleId, String ruleName, String fingerprint, String from, String to,
                              Instant at, double value, Map<String, String> labels, Map<String, String> annotations) {
        static HistoryView of(AlertHistoryEntry e) {
            return new HistoryView(e.eventId(), e.ruleId(), e.ruleName(), e.fingerprint(), e.fromState(), e.toState(),
                    e.at(), e.value(), e.labels(), e.annotations());
        }
    }

    @GET
    @Operation(summary = "Pending, firing and nodata alerts, oldest first; ?ruleId= narrows to one rule")
    public Uni<List<AlertView>> current(@RestQuery Long ruleId) {
        return alerts.current(ruleId).map(all -> all.stream().map(AlertView::of).toList());
    }

    @GET
    @Path("history")
    @Operation(summary = "Alert state changes, newest first; ?ruleId= narrows to one rule, ?limit= (1 to 1000, default 100)")
    public Uni<List<HistoryView>> history(@RestQuery Long ruleId, @RestQuery Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_HISTORY) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    List.of(new FieldError("limit", "must be between 1 and " + MAX_HISTORY))));
        }
        return alerts.history(ruleId, size).map(all -> all.stream().map(HistoryView::of).toList());
    }
}
