package dev.vigil.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged service run as a process the way its container would run it: the image's entry point, the artifact's
 * arguments, only the artifact's environment (nothing of the test JVM's leaks in), and the container's memory limit
 * as the JVM's view of the machine's memory ({@code -XX:MaxRAM}, which is what the JVM reads from a container's
 * cgroup).
 */
final class LocalContainer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private LocalContainer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code entrypoint} followed by {@code args}, with exactly {@code environment}; {@code memoryLimit} is
     * the container's limit as Docker and Kubernetes write it ({@code 768m}, {@code 1g}, {@code 1Gi}), or null.
     */
    static LocalContainer start(String name, ImageEntrypoint entrypoint, List<String> args,
            Map<String, String> environment, String memoryLimit, Path logDir) {
        List<String> command = new ArrayList<>(entrypoint.command());
        if (memoryLimit != null) {
            command.add(1, "-XX:MaxRAM=" + bytes(memoryLimit));
        }
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
            Files.writeString(log, "command: " + command + "\nenvironment: " + environment.keySet() + "\n");
            ProcessBuilder builder = new ProcessBuilder(command).directory(entrypoint.workDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new LocalContainer(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code GET http://127.0.0.1:port path} answers 200, as a health check or a probe would ask. */
    void awaitHttpOk(int port, String path, Duration within) {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                last = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new AssertionError(name + ": " + uri + " did not answer 200 within " + within + " (last " + last + "):\n"
                + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Stops it with SIGTERM, as Docker and Kubernetes do, then SIGKILL after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
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

    /**
     * Docker's ({@code 768m}, {@code 1g}, bytes) and Kubernetes' binary ({@code 768Mi}, {@code 1Gi}) memory
     * quantities, all powers of 1024; Vigil's artifacts write no decimal ones ({@code 1G} in Kubernetes).
     */
    static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]i?)?[bB]?").matcher(quantity.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase();
        long base = 1024;
        return switch (unit.isEmpty() ? ' ' : unit.charAt(0)) {
            case 'k' -> value * base;
            case 'm' -> value * base * base;
            case 'g' -> value * base * base * base;
            default -> value;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
