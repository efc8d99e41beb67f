package dev.vigil.devstack.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One devstack server in its own JVM. Its output goes to a log file; {@link #start} returns once
 * the server printed its {@link ReadyLine}, and fails with the log's tail if it exits first.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final String endpoint;

    private ServerProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts {@code mainClass} with {@code args} (and {@code --parent-pid} of this JVM, so the
     * server ends with it) and waits for its ready line.
     */
    public static ServerProcess start(String name, String mainClass, List<String> jvmOptions, List<String> args,
            Path logFile, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(JavaCommand.devstackClasspath());
        command.add(mainClass);
        command.addAll(args);
        command.add("--parent-pid");
        command.add(Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> ready = pumpOutput(name, process, logFile);
            try {
                return new ServerProcess(process, ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException | InterruptedException e) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not become ready within " + timeout + " ("
                        + e.getMessage() + "); last output:\n" + tail(logFile), e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Copies the server's output into its log and completes with the endpoint of its ready line. */
    private static CompletableFuture<String> pumpOutput(String name, Process process, Path logFile) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintStream log = new PrintStream(Files.newOutputStream(logFile,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.println(line);
                    ReadyLine.parse(line).filter(r -> r.name().equals(name)).ifPresent(r -> ready.complete(r.endpoint()));
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited with code " + exitCode(process)));
        }, "devstack-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        return ready;
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** What the server printed in its ready line: a URL or host:port. */
    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if the server has not exited within 60 s. Returns the exit code. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
