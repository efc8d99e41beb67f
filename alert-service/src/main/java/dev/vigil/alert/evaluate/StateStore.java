package dev.vigil.alert.evaluate;

import java.util.List;

/** Where alert states survive restarts, and are shared by the replicas. */
public interface StateStore {

    /** Every stored alert of the rule, whatever its state. */
    List<Alert> load(long ruleId) throws Exception;

    /**
     * Stores the outcome in one transaction, with the transitions in the history.
     *
     * @return {@code false}, storing nothing, when this replica no longer holds the rule's lease
     */
    boolean save(Rule rule, Outcome outcome) throws Exception;
}
