package dev.vigil.alert.evaluate;

import java.util.List;

/** The enabled rules this replica is to evaluate now: those it holds the lease on. */
@FunctionalInterface
public interface RuleSource {
    List<Rule> heldRules() throws Exception;
}
