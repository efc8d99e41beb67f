package dev.vigil.system.webui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code npx playwright test} in {@code web-ui/} as a subprocess, streaming its output line by line to this
 * JVM's stdout (so a CI log shows each browser test as it finishes), within a time bound.
 */
final class PlaywrightSuite {
    private final Path webUi;
    private final Duration timeout;

    PlaywrightSuite(Path webUi, Duration timeout) {
        this.webUi = webUi;
        this.timeout = timeout;
    }

    /**
     * Fails at once, saying how to get one, when the browser playwright.config.ts launches is not there: without it
     * every spec fails with Playwright's "executable doesn't exist", after the services have been started for nothing.
     */
    static void requireChromium() {
        String chromium = System.getenv().getOrDefault("VIGIL_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("the web UI's browser tests need Chromium and " + chromium + " is missing:"
                    + " ./vigil test installs Debian's chromium package when it is (or run apt-get install chromium,"
                    + " or set VIGIL_CHROMIUM to a Chromium executable)");
        }
    }

    /** Installs web-ui's npm dependencies from its lockfile when a build has not already done so. */
    void installWhenMissing() {
        if (Files.isDirectory(webUi.resolve("node_modules/@playwright/test"))) {
            return;
        }
        // The browser is Debian's chromium; never let an npm script fetch another.
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"),
                Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), Duration.ofMinutes(5));
        if (install.exitCode() != 0) {
            throw new IllegalStateException("npm ci in " + webUi + " failed with " + install.exitCode());
        }
    }

    /** The outcome of the specs whose file names match one of {@code files} (every spec when empty); a timeout is -1. */
    Result test(Map<String, String> env, List<String> files) {
        List<String> command = new ArrayList<>(List.of("npx", "--no-install", "playwright", "test"));
        command.addAll(files);
        return run(command, env, timeout);
    }

    record Result(int exitCode, List<String> output) {
    }

    private Result run(List<String> command, Map<String, String> env, Duration within) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(webUi.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("CI", "1");
        builder.environment().put("FORCE_COLOR", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + " in " + webUi
                    + " (is Node.js with npm installed?)", e);
        }
        List<String> output = new ArrayList<>();
        Thread pump = Thread.ofPlatform().daemon().name("playwright-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[web-ui] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                System.out.println("[web-ui] output stopped: " + e.getMessage());
            }
        });
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("[web-ui] " + String.join(" ", command) + " did not finish within " + within
                        + "; stopping it and its browsers");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                pump.join(Duration.ofSeconds(5));
                return new Result(-1, snapshot(output));
            }
            pump.join(Duration.ofSeconds(10));
            return new Result(process.exitValue(), snapshot(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }
}
