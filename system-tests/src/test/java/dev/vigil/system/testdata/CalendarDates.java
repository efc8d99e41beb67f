package dev.vigil.system.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds calendar dates written into tests that talk to a real server. Such a date ages: once it is older than a
 * table's retention ClickHouse drops the rows, once it is outside a query's default window nothing finds them, and
 * the test fails on a later day (as the trace tests did from 2026-11-29 on). Data stored by a test is made relative
 * to the run's clock instead; a date that is only parsed and refused (a 400 for a bad window) stays, marked on its
 * line with {@value #DECIDED}.
 */
final class CalendarDates {

    /** Written on the line of a date that was looked at and never reaches a store, with the reason. */
    static final String DECIDED = "// fixed date:";

    // A date in ISO form (also the impossible ones a validation test sends, such as month 13).
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(19|20)\\d{2}-[01]\\d-[0-3]\\d(?![\\d-])");
    // Epoch nanoseconds (19 digits) or milliseconds (13 digits) from 2001 on, underscores allowed.
    private static final Pattern EPOCH = Pattern.compile("(?<![\\w.])1(_?\\d){18}L?(?![\\w.])|(?<![\\w.])1(_?\\d){12}L?(?![\\w.])");
    // What marks a test source that reaches a real server: Quarkus tests, devstack, the ClickHouse, Kafka or
    // PostgreSQL clients, OTLP exporters, REST calls.
    private static final Pattern REAL_SERVER = Pattern.compile("^import (static )?(io\\.quarkus\\.test|dev\\.vigil\\.devstack"
            + "|com\\.clickhouse|org\\.apache\\.kafka|io\\.opentelemetry\\.exporter|io\\.vertx\\.(mutiny\\.)?pgclient"
            + "|io\\.restassured|dev\\.vigil\\.demo\\.shop\\.ShopTelemetry)", Pattern.MULTILINE);

    /** One dated line: where, and what it says. */
    record Finding(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text.strip();
        }
    }

    private CalendarDates() {
    }

    /** Every dated line, not marked as decided, in the tests under {@code root} that reach a real server. */
    static List<Finding> in(Path root) {
        List<Finding> findings = new ArrayList<>();
        for (Path file : testSources(root)) {
            try {
                findings.addAll(inSource(file, Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return findings;
    }

    /** The dated lines of one source, if it reaches a real server. */
    static List<Finding> inSource(Path file, String source) {
        if (!REAL_SERVER.matcher(source).find()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains(DECIDED)) {
                continue;
            }
            if (ISO_DATE.matcher(line).find() || EPOCH.matcher(line).find()) {
                findings.add(new Finding(file, i + 1, line));
            }
        }
        return findings;
    }

    private static List<Path> testSources(Path root) {
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> sources = new ArrayList<>();
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
