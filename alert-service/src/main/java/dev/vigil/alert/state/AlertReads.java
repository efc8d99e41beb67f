package dev.vigil.alert.state;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads current alerts and their history for the API. */
@ApplicationScoped
public class AlertReads {

    @ApplicationScoped
    static class Instances implements PanacheRepository<AlertInstance> {
    }

    @ApplicationScoped
    static class History implements PanacheRepository<AlertHistoryEntry> {
    }

    private final Instances instances;
    private final History history;

    AlertReads(Instances instances, History history) {
        this.instances = instances;
        this.history = history;
    }

    /** Pending, firing and nodata alerts, of one rule when {@code ruleId} is given; oldest first. */
    @WithSession
    public Uni<List<AlertInstance>> current(Long ruleId) {
        Sort order = Sort.by("activeAt").and("id");
        return ruleId == null
                ? instances.list("state in ('pending', 'firing', 'nodata')", order)
                : instances.list("state in ('pending', 'firing', 'nodata') and ruleId = :rule", order, Parameters.with("rule", ruleId));
    }

    /** The newest {@code limit} state changes, of one rule when {@code ruleId} is given; newest first. */
    @WithSession
    public Uni<List<AlertHistoryEntry>> history(Long ruleId, int limit) {
        Sort order = Sort.descending("at").and("id", Sort.Direction.Descending);
        var query = ruleId == null ? history.findAll(order)
                : history.find("ruleId = :rule", order, Parameters.with("rule", ruleId));
        return query.page(Page.ofSize(limit)).list();
    }
}
