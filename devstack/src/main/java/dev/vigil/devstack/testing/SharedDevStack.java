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
 *
 * <p>Quarkus loads test classes in a class loader per application start, so a static field alone
 * would start one devstack per test profile. The running stack is therefore registered in the
 * system properties, which every class loader of the JVM shares; later loaders attach to it.
 */
public final class SharedDevStack {
    private static final String REGISTRY_KEY = "vigil.devstack.shared";
    private static DevStack stack;

    private SharedDevStack() {
    }

    public static DevStack get() {
        // The system properties object is one per JVM, whichever loader loaded this class.
        synchronized (System.getProperties()) {
            if (stack != null) {
                return stack;
            }
            Object registered = System.getProperties().get(REGISTRY_KEY);
            stack = registered != null ? attach(registered) : startAndRegister();
            return stack;
        }
    }

    private static DevStack startAndRegister() {
        Path state = createStateDir();
        Optional<DevStack.PostgresConnection> external = Optional.ofNullable(System.getenv("VIGIL_TEST_POSTGRES_URL"))
                .filter(s -> !s.isBlank())
                .map(DevStack.PostgresConnection::parse);
        long started = System.nanoTime();
        DevStack started0 = DevStack.start(state, external);
        System.out.printf("devstack up in %d ms: kafka %s, clickhouse %s, postgres %s (state %s)%n",
                (System.nanoTime() - started) / 1_000_000, started0.kafkaBootstrapServers(), started0.clickHouseUrl(),
                started0.postgres().jdbcUrl(), state);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started0.close();
            deleteRecursively(state);
        }, "devstack-shutdown"));
        System.getProperties().put(REGISTRY_KEY, encode(started0.describe()));
        return started0;
    }

    /** Plain strings only: an object of this loader's classes would not cast in another loader. */
    private static String encode(DevStack.Description d) {
        String pg = d.externalPostgres().map(p -> "postgresql://" + p.user() + ":" + p.password() + "@" + p.host() + ":"
                + p.port() + "/" + p.database()).orElse("");
        return String.join("\n", d.stateDir().toString(), Integer.toString(d.kafkaPort()),
                Integer.toString(d.kafkaControllerPort()), Integer.toString(d.clickHousePort()),
                Integer.toString(d.postgresPort()), pg);
    }

    private static DevStack attach(Object registered) {
        String[] f = registered.toString().split("\n", -1);
        return DevStack.attach(new DevStack.Description(Path.of(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                f[5].isEmpty() ? Optional.empty() : Optional.of(DevStack.PostgresConnection.parse(f[5]))));
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
