package dev.vigil.alert.state;

import dev.vigil.alert.condition.InvalidSpecException;
import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.condition.SpecReader;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.postgres.Transactions;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.util.Optional;

/** Reads an {@code alert_rule} row as the rule evaluation runs. */
final class StoredRules {

    static final String COLUMNS = "r.id, r.name, r.kind, r.spec, r.interval_seconds, r.for_seconds, "
            + "r.keep_firing_for_seconds, r.labels, r.annotations, r.no_data";

    private StoredRules() {
    }

    /** Empty when the stored spec is not valid for its kind (a rule stored before specs were checked). */
    static Optional<Rule> read(Row row) {
        try {
            return Optional.of(new Rule(row.getLong("id"), row.getString("name"),
                    SpecReader.read(row.getString("kind"), row.getJsonObject("spec").getMap()),
                    Duration.ofSeconds(row.getInteger("interval_seconds")),
                    Duration.ofSeconds(row.getInteger("for_seconds")),
                    Duration.ofSeconds(row.getInteger("keep_firing_for_seconds")),
                    Transactions.strings(row.getJsonObject("labels")),
                    Transactions.strings(row.getJsonObject("annotations")),
                    NoData.byId(row.getString("no_data")).orElseThrow(
                            () -> new IllegalArgumentException("unknown no_data " + row.getString("no_data")))));
        } catch (InvalidSpecException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
