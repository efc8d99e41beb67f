package dev.vigil.devstack.testing;

import dev.vigil.devstack.launch.DevStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one devstack of a test JVM: started on first use, stopped and deleted when the JVM exits.
 * Set {@code VIGIL_TEST_POSTGRES_URL} ({@code postgresql://user:password@host:port/db}) to use an
 * existing PostgreSQL instead of starting one.
 */
public final class SharedDevStack {
    private static DevStack stack;

    private SharedDevStack() {
    }

    public static synchronized DevStack get() {
        if (stack == null) {
            Path state = createStateDir();
            Optional<DevStack.PostgresConnection> external = Optional.ofNullable(System.getenv("VIGIL_TEST_POSTGRES_URL"))
                    .filter(s -> !s.isBlank())
                    .map(DevStack.PostgresConnection::parse);
            long started = System.nanoTime();
            stack = DevStack.start(state, external);
            System.out.printf("devstack up in %d ms: kafka %s, clickhouse %s, postgres %s (state %s)%n",
                    (System.nanoTime() - started) / 1_000_000, stack.kafkaBootstrapServers(), stack.clickHouseUrl(),
                    stack.postgres().jdbcUrl(), state);
            DevStack started0 = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started0.close();
                deleteRecursively(state);
            }, "devstack-shutdown"));
        }
        return stack;
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("vigil-devstack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
