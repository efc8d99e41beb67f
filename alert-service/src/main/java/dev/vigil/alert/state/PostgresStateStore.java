package dev.vigil.alert.state;

import dev.vigil.alert.evaluate.Alert;
import dev.vigil.alert.evaluate.Outcome;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.StateStore;

import java.util.List;

/**
 * Evaluation's view of {@link AlertStates} on this replica: it blocks on the reads (evaluation runs on virtual
 * threads) and saves as {@code owner}, so that a replica that lost a rule's lease stores nothing for it.
 */
record PostgresStateStore(AlertStates states, String owner) implements StateStore {

    @Override
    public List<Alert> load(long ruleId) {
        return states.ofRule(ruleId).await().indefinitely();
    }

    @Override
    public boolean save(Rule rule, Outcome outcome) throws Exception {
        return states.save(owner, rule, outcome);
    }
}
