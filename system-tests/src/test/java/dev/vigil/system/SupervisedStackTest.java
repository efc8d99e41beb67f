package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.TestCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil up} as a user runs it, the real script on a state directory and ports of its own: its
 * supervisor brings back every process killed with SIGKILL, in turn, by itself, while OpenTelemetry SDK
 * exporters send spans, and every span whose export was answered with success is stored exactly once.
 * {@code up} is idempotent: with everything running it changes nothing, with the supervisor and a service
 * gone it starts just those; {@code down} stops the supervisor first. No process it starts, nor any child of
 * one, has a password or a key among its arguments (which {@code ps} shows every user): they are in the environment.
 *
 * <p>Bounded to 6 minutes: 226 s on this project's 2-core machine while other builds kept the load at 40 to 450.
 */
class SupervisedStackTest {
    /** Backoff (1 s), the JVM's start, and for a service its readiness, on a busy machine. */
    private static final Duration COME_BACK = Duration.ofSeconds(120);
    private static final Duration UP = Duration.ofMinutes(4);
    private static final List<String> SERVICES = List.of("ingest-service", "query-service", "alert-service",
            "health-service");

    /** Kept when the test fails: its logs tell why. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyProcessKilledInTurnComesBackByItselfAndEveryAcceptedSpanIsStoredOnce() throws Exception {
        VigilScript vigil = VigilScript.onFreePorts(home);
        // The stack's ingest token is the tests' one: up keeps a token file it finds, as it does across restarts.
        Path token = home.resolve("ingest-token");
        Files.createDirectories(home);
        Files.writeString(token, TestCredentials.INGEST_TOKEN + "\n");
        Files.setPosixFilePermissions(token, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try {
            upAndAlreadyUp(vigil);
            noPasswordOrKeyOnAnyCommandLine(vigil, home);
            List<String> all = new ArrayList<>(List.of("clickhouse", "kafka", "postgres"));
            if (vigil.externalPostgres()) {
                all.remove("postgres");
            }
            all.addAll(SERVICES);
            killEachUnderLoad(vigil, all);
            upStartsOnlyWhatIsDead(vigil);
            downStopsTheSupervisorFirst(vigil);
        } finally {
            // After the timeout the thread is interrupted; the stack must go all the same.
            boolean interrupted = Thread.interrupted();
            vigil.run(Duration.ofMinutes(3), "down");
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the stack; a second {@code up} finds everything running, says so, and changes nothing. */
    private static void upAndAlreadyUp(VigilScript vigil) {
        VigilScript.Result up = vigil.run(UP, "up");
        assertThat(up.exitCode()).as("./vigil up exit code; output:\n%s", up.output()).isZero();
        assertThat(up.output()).contains("Vigil is up");
        Map<String, Long> pids = pids(vigil);

        VigilScript.Result again = vigil.run(Duration.ofMinutes(1), "up");
        assertThat(again.exitCode()).as("a second ./vigil up exit code; output:\n%s", again.output()).isZero();
        assertThat(again.output()).contains("Vigil is already up");
        assertThat(pids(vigil)).as("pids after a second up").isEqualTo(pids);
    }

    /**
     * The hole: {@code ./vigil up} put PostgreSQL's password on alert- and health-service's command lines. Every
     * process up started and all their descendants (the embedded PostgreSQL's own server processes among them) are
     * read from {@code /proc/<pid>/cmdline}; the password and alert-service's channel-secrets key reach the services
     * through their environment, and the key's file is readable by its owner only; so does the ingest token
     * (ingest-service gets its hash).
     */
    private static void noPasswordOrKeyOnAnyCommandLine(VigilScript vigil, Path home) throws Exception {
        Path keyFile = home.resolve("secrets/alert-secrets.key");
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String key = Files.readString(keyFile).strip();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);

        Map<Long, String> commandLines = new HashMap<>();
        for (Map.Entry<String, Long> process : pids(vigil).entrySet()) {
            ProcessHandle root = ProcessHandle.of(process.getValue())
                    .orElseThrow(() -> new AssertionError(process.getKey() + " is not running"));
            Stream.concat(Stream.of(root), root.descendants()).forEach(p ->
                    commandLine(p.pid()).ifPresent(line -> commandLines.put(p.pid(), process.getKey() + ": " + line)));
        }
        // PostgreSQL's server leaves its launcher's process tree when it daemonizes; its pid file names it.
        Path postmaster = home.resolve("data/postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readAllLines(postmaster).getFirst().strip()))
                    .orElseThrow(() -> new AssertionError("PostgreSQL's server is not running"));
            Stream.concat(Stream.of(server), server.descendants()).forEach(p ->
                    commandLine(p.pid()).ifPresent(line -> commandLines.put(p.pid(), "postgres server: " + line)));
        }
        vigil.pid("supervisor").ifPresent(pid -> commandLine(pid)
                .ifPresent(line -> commandLines.put(pid, "supervisor: " + line)));
        assertThat(commandLines).as("command lines read").hasSizeGreaterThan(8);
        assertThat(commandLines.values()).as("command lines of every process up started, and their children")
                .allSatisfy(line -> assertThat(line).doesNotContainIgnoringCase("password").doesNotContain(key)
                        .doesNotContain(TestCredentials.INGEST_TOKEN).doesNotContain(TestCredentials.INGEST_TOKEN_SHA256));
        // The ingest token reaches ingest-service as its hash, and every service (for its own metrics) as itself.
        assertThat(environment(vigil.pid("ingest-service").orElseThrow()))
                .contains("\nVIGIL_ACCESS_INGEST_TOKEN_SHA256=" + TestCredentials.INGEST_TOKEN_SHA256 + "\n");
        for (String service : SERVICES) {
            assertThat(environment(vigil.pid(service).orElseThrow())).as(service + "'s environment")
                    .contains("\nVIGIL_SELF_TELEMETRY_TOKEN=" + TestCredentials.INGEST_TOKEN + "\n");
        }

        String alertEnvironment = environment(vigil.pid("alert-service").orElseThrow());
        assertThat(alertEnvironment).contains("\nVIGIL_ALERT_SECRETS_KEY=" + key + "\n").contains("\nQUARKUS_DATASOURCE_PASSWORD=");
        assertThat(environment(vigil.pid("health-service").orElseThrow())).contains("\nVIGIL_HEALTH_POSTGRES_PASSWORD=")
                .doesNotContain("VIGIL_ALERT_SECRETS_KEY");
    }

    /** The arguments of a process, NUL-separated in /proc as the kernel keeps them, joined by spaces. */
    private static Optional<String> commandLine(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty(); // exited meanwhile
        }
    }

    private static String environment(long pid) throws IOException {
        return "\n" + Files.readString(Path.of("/proc", Long.toString(pid), "environ")).replace('\0', '\n');
    }

    /**
     * Under a light, steady OTLP load, kills each process with SIGKILL in turn and waits until the supervisor
     * has it back and answering and ingest accepts spans again; then every accepted span is stored once.
     */
    private static void killEachUnderLoad(VigilScript vigil, List<String> victims) throws Exception {
        String service = "supervised-" + System.nanoTime();
        StoredSpans stored = new StoredSpans(vigil.clickHouseUrl(), service);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SpanSender sender = new SpanSender(vigil.otlpHttpUrl() + "/v1/traces", service)) {
            Future<?> load = background.submit(() -> {
                while (sending.get()) {
                    // A refused export is not sent again; a real exporter would retry it and back off.
                    Await.sleep(sender.export(5, 4) ? 100 : 300);
                }
                return null;
            });
            Await.until(() -> stored.count() > 0, Duration.ofSeconds(60), () -> "no span stored yet");

            for (String victim : victims) {
                int acceptedBefore = sender.accepted().size();
                long killed = vigil.kill(victim);
                long killedAt = System.nanoTime();
                System.out.printf("killed %s (pid %d) with SIGKILL%n", victim, killed);
                Await.until(() -> vigil.running(victim) && vigil.pid(victim).orElse(killed) != killed
                                && vigil.answers(victim), COME_BACK,
                        () -> victim + " is not back; its log ends:\n" + tail(vigil.log(victim))
                                + "\nsupervisor log:\n" + tail(vigil.log("supervisor")));
                Await.until(() -> SERVICES.stream().allMatch(vigil::answers), COME_BACK,
                        () -> "not every service is ready again after " + victim + " came back");
                Await.until(() -> sender.accepted().size() >= acceptedBefore + 100, COME_BACK,
                        () -> "ingest accepts no spans after " + victim + " came back; refusals " + sender.refusals());
                System.out.printf("%s back as pid %d, answering, ingest accepting within %d ms%n", victim,
                        vigil.pid(victim).orElseThrow(), (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(vigil.log("supervisor")).as("the supervisor's log")
                        .contains(victim + ": restarted as pid " + vigil.pid(victim).orElseThrow());
            }
            sending.set(false);
            load.get(60, TimeUnit.SECONDS);

            // The supervisor marks a process running at its next look, up to a second after it answers.
            Pattern restartedOnce = Pattern.compile(" running[^\\n]* 1 +\\d{4}-\\d\\d-\\d\\dT");
            AtomicReference<String> status = new AtomicReference<>("");
            Await.until(() -> {
                status.set(vigil.run(Duration.ofMinutes(1), "status").output());
                return victims.stream().allMatch(victim -> status.get().lines()
                        .anyMatch(l -> l.startsWith(victim + " ") && restartedOnce.matcher(l).find()));
            }, Duration.ofSeconds(30), () -> "./vigil status does not show each killed process running, restarted once:\n"
                    + status.get());
            assertThat(status.get()).contains("supervisor: running");

            Set<String> accepted = sender.accepted();
            Await.until(() -> stored.copiesBySpanId().keySet().containsAll(accepted), Duration.ofSeconds(90),
                    () -> "stored " + stored.count() + " of " + accepted.size() + " accepted spans");
            stored.assertStoredOnce(accepted, sender.refused());
        } finally {
            sending.set(false);
            background.shutdownNow();
        }
    }

    /**
     * With the supervisor and one service killed, {@code up} starts just those two and leaves every other
     * process as it was.
     */
    private static void upStartsOnlyWhatIsDead(VigilScript vigil) {
        vigil.kill("supervisor");
        vigil.kill("health-service");
        Map<String, Long> before = pids(vigil);

        VigilScript.Result up = vigil.run(UP, "up");
        assertThat(up.exitCode()).as("./vigil up exit code; output:\n%s", up.output()).isZero();
        assertThat(up.output()).contains("starting health-service (the others run)");
        Map<String, Long> after = pids(vigil);
        before.forEach((name, pid) -> {
            if (name.equals("health-service")) {
                assertThat(after.get(name)).as("health-service's pid").isNotEqualTo(pid);
            } else {
                assertThat(after.get(name)).as("%s's pid", name).isEqualTo(pid);
            }
        });
        assertThat(vigil.answers("health-service")).as("health-service answers").isTrue();
        assertThat(vigil.running("supervisor")).as("a supervisor runs again").isTrue();
    }

    /** {@code down} stops the supervisor before anything else, so nothing it stops is started again. */
    private static void downStopsTheSupervisorFirst(VigilScript vigil) {
        Map<String, Long> pids = pids(vigil);
        vigil.pid("supervisor").ifPresent(pid -> pids.put("supervisor", pid));
        VigilScript.Result down = vigil.run(Duration.ofMinutes(3), "down");
        assertThat(down.exitCode()).as("./vigil down exit code; output:\n%s", down.output()).isZero();
        assertThat(down.output()).startsWith("  stopped the supervisor");
        // An exited process may linger unreaped for a moment, until init collects it.
        pids.forEach((name, pid) -> Await.until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
                Duration.ofSeconds(15), () -> name + " (pid " + pid + ") still runs after down"));
    }

    /** The pid of every process up started (services and infrastructure), read from the run directory. */
    private static Map<String, Long> pids(VigilScript vigil) {
        Map<String, Long> pids = new HashMap<>();
        for (String name : List.of("clickhouse", "kafka", "postgres", "ingest-service", "query-service",
                "alert-service", "health-service")) {
            vigil.pid(name).ifPresent(pid -> pids.put(name, pid));
        }
        return pids;
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
