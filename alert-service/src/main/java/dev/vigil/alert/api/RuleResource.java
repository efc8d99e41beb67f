package dev.vigil.alert.api;

import dev.vigil.alert.rule.AlertRuleService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;

/** Alert rules: list, read, create, delete. Errors are answered as {@link ApiError}. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public final class RuleResource {

    private final AlertRuleService rules;

    RuleResource(AlertRuleService rules) {
        this.rules = rules;
    }

    @GET
    @Operation(summary = "All alert rules, ordered by name")
    public Uni<List<RuleView>> list() {
        return rules.list().map(all -> all.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert rule")
    public Uni<RuleView> get(@RestPath long id) {
        return rules.find(id)
                .onItem().ifNull().failWith(() -> new RuleNotFoundException(id))
                .map(RuleView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an alert rule", description = "400 names every invalid field; 409 when the name is taken.")
    public Uni<RestResponse<RuleView>> create(RuleRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(new InvalidRequestException(List.of(new FieldError("body", "is required"))));
        }
        return Uni.createFrom().item(request::toDefinition)
                .chain(rules::create)
                .map(rule -> RestResponse.ResponseBuilder.<RuleView>created(URI.create("/api/v1/rules/" + rule.id()))
                        .entity(RuleView.of(rule))
                        .build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an alert rule")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw new RuleNotFoundException(id);
            }
            return RestResponse.noContent();
        });
    }
}
