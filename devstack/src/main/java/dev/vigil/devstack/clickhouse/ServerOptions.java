package dev.vigil.devstack.clickhouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The command line of {@link ClickHouseServerMain}.
 *
 * @param port           HTTP port on 127.0.0.1; 0 picks a free one
 * @param dataDirectory  where the engine keeps its data; created if absent, kept across restarts
 * @param threads        requests served at once
 * @param drain          how long a shutdown waits for running requests before cancelling them
 * @param parentPid      shut down when this process exits (the launcher's)
 */
record ServerOptions(int port, Path dataDirectory, int threads, Duration drain, OptionalLong parentPid) {

    static final String USAGE = "usage: ClickHouseServerMain --data <directory> [--port <port, default 8123; 0 = any free>]"
            + " [--threads <n, default 16>] [--drain-seconds <s, default 10>] [--parent-pid <pid>]";

    /** @throws IllegalArgumentException naming the offending option */
    static ServerOptions parse(String... args) {
        int port = 8123;
        Path data = null;
        int threads = 16;
        Duration drain = Duration.ofSeconds(10);
        OptionalLong parentPid = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--port" -> port = intValue(option, value(args, ++i, option), 0, 65535);
                case "--data" -> data = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--threads" -> threads = intValue(option, value(args, ++i, option), 1, 1024);
                case "--drain-seconds" -> drain = Duration.ofSeconds(intValue(option, value(args, ++i, option), 0, 3600));
                case "--parent-pid" -> parentPid = OptionalLong.of(intValue(option, value(args, ++i, option), 1, Integer.MAX_VALUE));
                default -> throw new IllegalArgumentException("Unknown option " + option + "\n" + USAGE);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data is required\n" + USAGE);
        }
        return new ServerOptions(port, data, threads, drain, parentPid);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int intValue(String option, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was " + value, e);
        }
    }
}
