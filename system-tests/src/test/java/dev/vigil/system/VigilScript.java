package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code ./vigil} script, run as a user runs it, against a state directory of its own
 * ({@code VIGIL_HOME}) and on ports of its own, so it never meets a Vigil already running on the defaults.
 */
final class VigilScript {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The ports {@code ./vigil} takes from the environment, each set to a port free when the script is made. */
    private static final List<String> PORT_VARIABLES = List.of("VIGIL_CLICKHOUSE_PORT", "VIGIL_KAFKA_PORT",
            "VIGIL_POSTGRES_PORT", "VIGIL_OTLP_GRPC_PORT", "VIGIL_OTLP_HTTP_PORT", "VIGIL_QUERY_PORT",
            "VIGIL_ALERT_PORT", "VIGIL_HEALTH_PORT");

    private final Path script;
    private final Path home;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private VigilScript(Path script, Path home) {
        this.script = script;
        this.home = home;
    }

    /**
     * The script of the repository the tests run in ({@code vigil.root}), with {@code home} as its
     * {@code VIGIL_HOME}. {@code VIGIL_TEST_POSTGRES_URL}, when set, becomes its {@code VIGIL_POSTGRES_URL}.
     */
    static VigilScript onFreePorts(Path home) {
        String root = System.getProperty("vigil.root");
        if (root == null) {
            throw new IllegalStateException("vigil.root is not set; run the tests through Maven");
        }
        VigilScript vigil = new VigilScript(Path.of(root, "vigil"), home);
        vigil.environment.put("VIGIL_HOME", home.toString());
        // The JDK running the tests is a JDK 25: the script need not search for one.
        vigil.environment.put("JAVA_HOME", System.getProperty("java.home"));
        Set<Integer> taken = new HashSet<>();
        for (String variable : PORT_VARIABLES) {
            int port = freePort();
            // Kafka's controller listens on the next free port after the broker's: keep that one out of the others.
            while (!taken.add(port) || taken.contains(port + 1) || taken.contains(port - 1)) {
                port = freePort();
            }
            vigil.environment.put(variable, Integer.toString(port));
        }
        Optional.ofNullable(System.getenv("VIGIL_TEST_POSTGRES_URL")).filter(s -> !s.isBlank())
                .ifPresent(url -> vigil.environment.put("VIGIL_POSTGRES_URL", url));
        return vigil;
    }

    /** What one command printed (standard output and error together), and how it exited. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code ./vigil args...} and waits for it, at most {@code timeout}. */
    Result run(Duration timeout, String... args) {
        Path output = home.resolve("vigil-" + args[0] + "-" + System.nanoTime() + ".out");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(home);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("./vigil " + String.join(" ", args) + " did not finish within " + timeout
                        + ":\n" + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.printf("./vigil %s (exit %d):%n%s%n", String.join(" ", args), process.exitValue(), printed);
            return new Result(process.exitValue(), printed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pid in {@code $VIGIL_HOME/run/<name>.pid}, if the file is there. */
    OptionalLong pid(String name) {
        Path file = home.resolve("run").resolve(name + ".pid");
        try {
            return Files.isRegularFile(file) ? OptionalLong.of(Long.parseLong(Files.readString(file).strip()))
                    : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            // Being rewritten by a restart: the next look finds it whole.
            return OptionalLong.empty();
        }
    }

    boolean running(String name) {
        OptionalLong pid = pid(name);
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, as a crash or the kernel's OOM killer would end it: no shutdown hook runs. */
    long kill(String name) {
        long pid = pid(name).orElseThrow(() -> new AssertionError(name + " has no pid file"));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        return pid;
    }

    String log(String name) {
        try {
            return Files.readString(home.resolve("logs").resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log of " + name + ": " + e.getMessage() + ")";
        }
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    String otlpHttpUrl() {
        return "http://127.0.0.1:" + port("VIGIL_OTLP_HTTP_PORT");
    }

    String clickHouseUrl() {
        return "http://127.0.0.1:" + port("VIGIL_CLICKHOUSE_PORT");
    }

    boolean externalPostgres() {
        return environment.containsKey("VIGIL_POSTGRES_URL");
    }

    /**
     * Whether the process answers where its users reach it: a service's readiness check, ClickHouse's
     * {@code /ping}, a connection accepted on Kafka's and PostgreSQL's ports.
     */
    boolean answers(String name) {
        return switch (name) {
            case "ingest-service" -> httpOk(otlpHttpUrl() + "/q/health/ready");
            case "query-service" -> httpOk("http://127.0.0.1:" + port("VIGIL_QUERY_PORT") + "/q/health/ready");
            case "alert-service" -> httpOk("http://127.0.0.1:" + port("VIGIL_ALERT_PORT") + "/q/health/ready");
            case "health-service" -> httpOk("http://127.0.0.1:" + port("VIGIL_HEALTH_PORT") + "/q/health/ready");
            case "clickhouse" -> httpOk(clickHouseUrl() + "/ping");
            case "kafka" -> accepts(port("VIGIL_KAFKA_PORT"));
            case "postgres" -> accepts(port("VIGIL_POSTGRES_PORT"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static boolean httpOk(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
