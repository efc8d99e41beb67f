package dev.vigil.bench;

import dev.vigil.bench.ingest.IngestBench;
import dev.vigil.bench.prometheus.PrometheusBench;
import dev.vigil.bench.query.QueryBench;
import java.util.Arrays;

/** {@code ./vigil bench <name> [--option value ...]}. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench ingest|query|prometheus [--option value ...]");
            System.exit(2);
        }
        BenchArgs options = BenchArgs.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "ingest" -> IngestBench.run(options);
            case "query" -> QueryBench.run(options);
            case "prometheus" -> PrometheusBench.run(options);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; known: ingest, query, prometheus");
                System.exit(2);
            }
        }
    }
}
