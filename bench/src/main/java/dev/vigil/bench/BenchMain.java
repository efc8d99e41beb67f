package dev.vigil.bench;

import dev.vigil.bench.all.BenchAll;
import dev.vigil.bench.ingest.IngestBench;
import dev.vigil.bench.logs.LogsBench;
import dev.vigil.bench.metrics.MetricsBench;
import dev.vigil.bench.prometheus.PrometheusBench;
import dev.vigil.bench.query.QueryBench;
import java.util.Arrays;

/** {@code ./vigil bench <name> [--option value ...]}. */
public final class BenchMain {
    private static final String NAMES = "all, ingest, logs, metrics, query, prometheus";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench " + NAMES.replace(", ", "|") + " [--option value ...]");
            System.exit(2);
        }
        try {
            BenchArgs options = BenchArgs.parse(Arrays.copyOfRange(args, 1, args.length));
            switch (args[0]) {
                case "all" -> BenchAll.run(options);
                case "ingest" -> IngestBench.run(options);
                case "logs" -> LogsBench.run(options);
                case "metrics" -> MetricsBench.run(options);
                case "query" -> QueryBench.run(options);
                case "prometheus" -> PrometheusBench.run(options);
                default -> {
                    System.err.println("unknown benchmark '" + args[0] + "'; known: " + NAMES);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            // A wrong option or a stack the benchmark cannot use: the message says what to do.
            System.err.println("bench " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
