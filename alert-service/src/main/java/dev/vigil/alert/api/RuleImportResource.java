package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.alert.rule.AlertRule;
import dev.vigil.alert.rule.AlertRuleService;
import dev.vigil.alert.rule.RuleDefinition;
import dev.vigil.alert.rule.RuleKind;
import dev.vigil.alert.rule.RuleLimits;
import dev.vigil.alert.rulefile.ImportedRule;
import dev.vigil.alert.rulefile.RuleFile;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Prometheus rule file: each alerting rule becomes a {@code promql} rule named as its alert, remembering its
 * group, so importing the file again updates those rules instead of adding new ones.
 */
// Rules are created and changed: an editor's work, as for /api/v1/rules.
@RolesAllowed(Role.EDITOR_NAME)
@Path("/api/v1/rules/import")
@Produces(MediaType.APPLICATION_JSON)
public final class RuleImportResource {

    private final AlertRuleService rules;
    private final RuleLimits limits;

    RuleImportResource(AlertRuleService rules, RuleLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    @POST
    @Blocking
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Import a Prometheus rule file", description = "The body is the YAML file as Prometheus reads it."
            + " Each alerting rule becomes a promql rule named as its alert; a rule of the same name imported from the same"
            + " group is updated. Recording rules are skipped. Rules with a problem are listed with their path and not"
            + " imported, the others are. With dryRun=true nothing is stored. 400 when the body is not a rule file.")
    public RuleImportView importFile(String body, @QueryParam("dryRun") boolean dryRun) {
        RuleFile file = RuleFile.read(body);
        List<FieldError> problems = new ArrayList<>(file.problems().stream()
                .map(p -> new FieldError(p.path(), p.message())).toList());
        if (problems.stream().anyMatch(p -> p.field().equals("body"))) {
            throw new InvalidRequestException(problems);
        }
        Map<String, AlertRule> existing = new HashMap<>();
        rules.list().await().indefinitely().forEach(rule -> existing.put(rule.definition().name(), rule));
        Map<String, String> pathOfName = new LinkedHashMap<>();
        List<RuleImportView.Imported> created = new ArrayList<>();
        List<RuleImportView.Imported> updated = new ArrayList<>();
        for (ImportedRule rule : file.rules()) {
            String taken = pathOfName.putIfAbsent(rule.alert(), rule.path());
            if (taken != null) {
                problems.add(new FieldError(rule.path() + ".alert", "repeats the alert name " + rule.alert() + " of "
                        + taken + "; Vigil's rule names are unique"));
                continue;
            }
            RuleDefinition definition;
            try {
                definition = request(rule).toDefinition(limits);
            } catch (InvalidRequestException e) {
                e.fields().forEach(f -> problems.add(new FieldError(path(rule, f.field()), f.message())));
                continue;
            }
            AlertRule before = existing.get(rule.alert());
            if (before != null && !sameGroup(before, rule.group())) {
                problems.add(new FieldError(rule.path() + ".alert", "a rule named " + rule.alert()
                        + " exists already and was not imported from group " + rule.group() + "; rename one of them"));
            } else if (before != null) {
                Long id = dryRun ? before.id() : rules.update(before.id(), definition).await().indefinitely().id();
                updated.add(new RuleImportView.Imported(rule.alert(), rule.group(), rule.path(), id));
            } else {
                Long id = dryRun ? null : rules.create(definition).await().indefinitely().id();
                created.add(new RuleImportView.Imported(rule.alert(), rule.group(), rule.path(), id));
            }
        }
        return new RuleImportView(dryRun, created, updated, file.skipped(), problems);
    }

    /** The rule as the rules API would be sent it, so an imported rule passes the same checks as any other. */
    private static RuleRequest request(ImportedRule rule) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("expr", rule.expr());
        spec.put("group", rule.group());
        return new RuleRequest(rule.alert(), RuleKind.PROMQL.id(), spec,
                rule.intervalSeconds() == null ? RuleDefinition.DEFAULT_INTERVAL_SECONDS : rule.intervalSeconds(),
                rule.forSeconds(), rule.keepFiringForSeconds(), rule.labels(), rule.annotations(), true, null);
    }

    private static boolean sameGroup(AlertRule rule, String group) {
        return rule.definition().kind() == RuleKind.PROMQL && group.equals(rule.definition().spec().get("group"));
    }

    /** A rules API field as its place in the rule file. */
    private static String path(ImportedRule rule, String field) {
        return switch (field) {
            case "name" -> rule.path() + ".alert";
            case "intervalSeconds" -> rule.groupPath() + ".interval";
            case "forSeconds" -> rule.path() + ".for";
            case "keepFiringForSeconds" -> rule.path() + ".keep_firing_for";
            case "spec.expr" -> rule.path() + ".expr";
            default -> rule.path() + "." + field;
        };
    }
}
