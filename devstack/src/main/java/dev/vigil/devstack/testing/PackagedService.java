package dev.vigil.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One of Vigil's packaged services ({@code <module>/target/quarkus-app}), run as its own process the
 * way {@code ./vigil up} runs it, so that a test can drive it from outside through its public
 * protocols, and kill it. A test of one service uses it to run another, e.g. query-service's tests
 * send OTLP through a packaged ingest-service.
 *
 * <p>The module must have been packaged first: give the test module a build-order dependency on it
 * (type {@code pom}, all transitive dependencies excluded), as {@code system-tests} does.
 */
public final class PackagedService implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Map<String, String> config;
    private final int port;
    private final Path log;
    private Process process;

    private PackagedService(String name, Map<String, String> config, int port, Path log) {
        this.name = name;
        this.config = config;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the module {@code name} on a free HTTP port with these system properties, logging to
     * the shared devstack's log folder, and waits until {@code /q/health/ready} answers 200.
     */
    public static PackagedService start(String name, Map<String, String> config) {
        return start(name, config, SharedDevStack.get().stateDir().resolve("logs"));
    }

    /**
     * The packaged ingest-service on the shared devstack's Kafka and ClickHouse, with its OTLP/gRPC
     * server on a free port too (so it never collides with a running Vigil on 4317); {@code config}
     * adds or overrides properties. OTLP/HTTP is at {@link #uri uri("/v1/traces")} and so on.
     */
    public static PackagedService ingest(Map<String, String> config) {
        var stack = SharedDevStack.get();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        all.put("vigil.clickhouse.url", stack.clickHouseUrl());
        all.put("quarkus.grpc.server.port", Integer.toString(freePort()));
        all.putAll(config);
        return start("ingest-service", all);
    }

    public static PackagedService start(String name, Map<String, String> config, Path logDir) {
        return start(name, config, logDir, freePort());
    }

    /**
     * The same on a given HTTP port (from {@link #freePort()}), for services that must know each other's address
     * before either starts.
     */
    public static PackagedService start(String name, Map<String, String> config, Path logDir, int port) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        // Tests reach the service with the test admin key, like any client with a key (TestCredentials), and every
        // service verifies other keys and sessions in the shared PostgreSQL, where alert-service keeps them.
        all.put(TestCredentials.ADMIN_KEY_SHA256_PROPERTY, TestCredentials.ADMIN_KEY_SHA256);
        all.put(TestCredentials.INGEST_TOKEN_SHA256_PROPERTY, TestCredentials.INGEST_TOKEN_SHA256);
        var pg = SharedDevStack.get().postgres();
        all.put("quarkus.datasource.reactive.url", pg.reactiveUrl());
        all.put("quarkus.datasource.username", pg.user());
        all.put("quarkus.datasource.password", pg.password());
        all.putAll(config);
        PackagedService service = new PackagedService(name, all, port,
                logDir.resolve(name + "-" + System.nanoTime() + ".log"));
        service.launch();
        return service;
    }

    /** The repository root: the parent pom passes devstack's build folder, {@code <root>/devstack/target}. */
    private static Path root() {
        String explicit = System.getProperty("vigil.root");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String devstackHome = System.getProperty("vigil.devstack.home");
        if (devstackHome == null) {
            throw new IllegalStateException("neither vigil.root nor vigil.devstack.home is set; run the tests through Maven");
        }
        return Path.of(devstackHome).toAbsolutePath().getParent().getParent();
    }

    private static final String ALERT_SECRETS_KEY = "vigil.alert.secrets.key";
    /** 32 bytes, base64: the key tests' packaged alert-services encrypt channel secrets with. */
    private static final String TEST_ALERT_SECRETS_KEY = "cGFja2FnZWQtYWxlcnQtc2VydmljZS10ZXN0LWtleSE=";

    /**
     * The heap ceiling {@code ./vigil up} gives the service, from {@code deploy/heap.properties}: the tests run each
     * service with the heap it ships with, so a test under load shows what the shipped service does.
     */
    public static String shippedHeap(String service) {
        String heap = deployProperties("heap.properties", "heap sizes").getProperty(service);
        if (heap == null) {
            throw new IllegalStateException("deploy/heap.properties names no heap for " + service);
        }
        return heap;
    }

    /**
     * The JVM options beyond the heap ceiling {@code ./vigil up} gives the service, from
     * {@code deploy/jvm-options.properties} (separated by spaces); none when the file does not name the service.
     */
    public static List<String> shippedJvmOptions(String service) {
        String line = deployProperties("jvm-options.properties", "JVM options").getProperty(service, "").strip();
        return line.isEmpty() ? List.of() : List.of(line.split("\\s+"));
    }

    /** One of the files in {@code deploy/} that {@code ./vigil up} reads too, naming {@code what} it holds. */
    private static Properties deployProperties(String name, String what) {
        Path file = root().resolve("deploy").resolve(name);
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services' " + what + " from " + file, e);
        }
        return properties;
    }

    private void launch() {
        Path jar = root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (mvn verify builds it before"
                    + " the modules that depend on it)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + shippedHeap(name)));
        command.addAll(shippedJvmOptions(name));
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (name.equals("alert-service") && !config.containsKey(ALERT_SECRETS_KEY)) {
            // alert-service does not start without the key it encrypts channel secrets with; tests use a fixed one.
            command.add("-D" + ALERT_SECRETS_KEY + "=" + TEST_ALERT_SECRETS_KEY);
        }
        command.addAll(List.of("-jar", jar.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // As ./vigil up runs it: two malloc arenas keep native memory outside the JVM's accounting small.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        close();
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** A system property the service was started with, or null. */
    public String property(String key) {
        return config.get(key);
    }

    /** The service's whole log, every start of it: for a test that looks for what must never be there. */
    public Path logFile() {
        return log;
    }

    /** Kills the process with SIGKILL, as a crash or an OOM killer would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        appendToLog("---- killed with SIGKILL by the test ----");
    }

    /** Starts the service again, on the same port with the same configuration, once it is not running. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs; kill or close it first");
        }
        appendToLog("---- restarted by the test ----");
        launch();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops the service with SIGTERM, as Kubernetes would, waiting up to 30 s before SIGKILL. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The marker only helps a reader of the log; the test goes on without it.
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A port free now; another process may take it before the service binds it, which the ready wait reports. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
