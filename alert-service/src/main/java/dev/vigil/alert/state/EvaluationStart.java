package dev.vigil.alert.state;

import dev.vigil.alert.clickhouse.ClickHouseRuleQuery;
import dev.vigil.alert.evaluate.Outcome;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.RuleEvaluation;
import dev.vigil.alert.evaluate.RuleScheduler;
import dev.vigil.alert.event.KafkaAlertPublisher;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.rule.AlertRule;
import dev.vigil.alert.rule.AlertRuleService;
import dev.vigil.alert.rule.RuleLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts rule evaluation once the schema is migrated, and stops it (giving the leases up) on shutdown.
 * Also evaluates one rule on request without publishing or storing anything.
 */
@Singleton
public final class EvaluationStart {

    private final EvaluationConfig config;
    private final Transactions database;
    private final AlertRuleService rules;
    private final AlertStates states;
    private final ClickHouseRuleQuery query;
    private final KafkaAlertPublisher publisher;
    private final MeterRegistry registry;
    private final String owner;
    private RuleScheduler scheduler;
    private RuleLeases leases;

    EvaluationStart(EvaluationConfig config, RuleLimits limits, Transactions database, AlertRuleService rules,
                    AlertStates states, ClickHouseRuleQuery query, KafkaAlertPublisher publisher, MeterRegistry registry) {
        EvaluationConfig.validate(config);
        RuleLimits.validate(limits);
        this.config = config;
        this.database = database;
        this.rules = rules;
        this.states = states;
        this.query = query;
        this.publisher = publisher;
        this.registry = registry;
        this.owner = config.instanceId().orElseGet(() -> "alert-" + UUID.randomUUID());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("rule evaluation is switched off on this replica (vigil.alert.evaluation.enabled=false)");
            return;
        }
        Counter unreadable = Counter.builder("vigil.alert.rules.unreadable")
                .description("Enabled rules skipped because their stored spec is not valid for their kind")
                .register(registry);
        leases = new RuleLeases(database, owner, config.leaseDuration(), unreadable);
        scheduler = new RuleScheduler(leases, query, new PostgresStateStore(states, owner), publisher,
                new EvaluationMetrics(registry), InstantSource.system(), config.tick(), config.leaseRenewal());
        scheduler.start();
        Log.infof("rule evaluation started as %s (lease %s, renewed every %s)", owner, config.leaseDuration(),
                config.leaseRenewal());
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler == null) {
            return;
        }
        scheduler.close();
        try {
            leases.releaseAll();
        } catch (Exception e) {
            Log.warnf("could not give the rule leases up; other replicas take them over when they expire: %s", e.toString());
        }
    }

    /**
     * What evaluating the rule now would do, from its stored alerts and a query run now; nothing is
     * published or stored. Empty when there is no such rule.
     */
    public Optional<Outcome> preview(long ruleId) throws Exception {
        AlertRule stored = rules.find(ruleId).await().indefinitely();
        if (stored == null) {
            return Optional.empty();
        }
        Rule rule = StoredRules.evaluable(stored).orElseThrow(() -> new IllegalStateException(
                "rule " + ruleId + " has a spec that is not valid for its kind"));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return Optional.of(RuleEvaluation.evaluate(rule, states.ofRule(ruleId).await().indefinitely(),
                query.query(rule, now), now));
    }
}
