package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.rule.AlertRuleService;
import dev.vigil.alert.rule.RuleLimits;
import dev.vigil.alert.state.EvaluationStart;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;

/** Alert rules: list, read, create, replace, delete, and evaluate now. Errors are answered as {@link dev.vigil.http.error.ErrorBody}. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class RuleResource {

    private final AlertRuleService rules;
    private final EvaluationStart evaluation;
    private final RuleLimits limits;

    RuleResource(AlertRuleService rules, EvaluationStart evaluation, RuleLimits limits) {
        this.rules = rules;
        this.evaluation = evaluation;
        this.limits = limits;
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
                .onItem().ifNull().failWith(() -> new NotFoundException("rule", id))
                .map(RuleView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an alert rule", description = "400 names every invalid field, including an interval below"
            + " vigil.alert.rules.min-interval or a window above vigil.alert.rules.max-window; 409 when the name is taken.")
    public Uni<RestResponse<RuleView>> create(RuleRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(new InvalidRequestException(List.of(new FieldError("body", "is required"))));
        }
        return Uni.createFrom().item(() -> request.toDefinition(limits))
                .chain(rules::create)
                .map(rule -> RestResponse.ResponseBuilder.<RuleView>created(URI.create("/api/v1/rules/" + rule.id()))
                        .entity(RuleView.of(rule))
                        .build());
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an alert rule's definition")
    public Uni<RuleView> update(@RestPath long id, RuleRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(new InvalidRequestException(List.of(new FieldError("body", "is required"))));
        }
        return Uni.createFrom().item(() -> request.toDefinition(limits))
                .chain(definition -> rules.update(id, definition))
                .onItem().ifNull().failWith(() -> new NotFoundException("rule", id))
                .map(RuleView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an alert rule, with its alerts")
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("rule", id);
            }
            return RestResponse.noContent();
        });
    }

    @POST
    @Path("{id}/evaluate")
    @Blocking
    @Operation(summary = "Evaluate a rule now",
            description = "Runs the rule's query now and answers what its alerts would become. Nothing is stored,"
                    + " published or notified.")
    public EvaluationView evaluate(@RestPath long id) throws Exception {
        return evaluation.preview(id).map(EvaluationView::of).orElseThrow(() -> new NotFoundException("rule", id));
    }
}
