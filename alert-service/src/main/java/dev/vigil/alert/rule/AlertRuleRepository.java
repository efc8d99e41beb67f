package dev.vigil.alert.rule;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Rules in the {@code alert_rule} table. Callers provide the session or transaction. */
@ApplicationScoped
class AlertRuleRepository implements PanacheRepository<AlertRule> {

    Uni<List<AlertRule>> listByName() {
        return listAll(Sort.by("name"));
    }
}
