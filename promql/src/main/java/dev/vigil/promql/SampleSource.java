package dev.vigil.promql;

import dev.vigil.promql.Expr.LabelMatcher;

import java.util.List;

/** Where the engine reads raw samples: every series whose labels match all matchers, with samples in [minT, maxT] (ms). */
public interface SampleSource {
    List<Series> select(List<LabelMatcher> matchers, long minT, long maxT);
}
