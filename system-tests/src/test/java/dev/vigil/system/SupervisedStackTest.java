package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./vigil up} as a user runs it, the real script on a state directory and ports of its own: its
 * supervisor brings back a process killed with SIGKILL, by itself, while OpenTelemetry SDK exporters
 * send spans, and every span whose export was answered with success is stored exactly once.
 *
 * <p>CI kills ClickHouse and ingest-service, the two whose loss stops ingest; killing every process in
 * turn takes longer than CI's time for one test on a shared 2-core machine, so that variant is tagged
 * {@value #EVERY_PROCESS} and runs on request:
 * {@code mvn -pl system-tests -am verify -Dtest=SupervisedStackTest -Dvigil.test.excluded-groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SupervisedStackTest {
    static final String EVERY_PROCESS = "every-process-killed";
    private static final Duration UP = Duration.ofMinutes(4);
    /** Backoff (1 s), the JVM's start, and for a service its readiness, on a busy machine. */
    private static final Duration COME_BACK = Duration.ofSeconds(120);
    private static final List<String> SERVICES = List.of("ingest-service", "query-service", "alert-service",
            "health-service");

    /** Kept when a test fails: its logs tell why. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void clickHouseAndIngestKilledComeBackByThemselvesAndEveryAcceptedSpanIsStoredOnce() throws Exception {
        VigilScript vigil = VigilScript.onFreePorts(home);
        try {
            upAndAlreadyUp(vigil);
            killEachUnderLoad(vigil, List.of("clickhouse", "ingest-service"));
            upStartsOnlyWhatIsDead(vigil);
            downStopsTheSupervisorFirst(vigil);
        } finally {
            vigil.run(Duration.ofMinutes(3), "down");
        }
    }

    @Test
    @Tag(EVERY_PROCESS)
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void everyProcessKilledInTurnComesBackByItselfAndEveryAcceptedSpanIsStoredOnce() throws Exception {
        VigilScript vigil = VigilScript.onFreePorts(home);
        try {
            upAndAlreadyUp(vigil);
            List<String> all = new ArrayList<>(List.of("clickhouse", "kafka", "postgres"));
            if (vigil.externalPostgres()) {
                all.remove("postgres");
            }
            all.addAll(SERVICES);
            killEachUnderLoad(vigil, all);
            downStopsTheSupervisorFirst(vigil);
        } finally {
            vigil.run(Duration.ofMinutes(3), "down");
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

            VigilScript.Result status = vigil.run(Duration.ofMinutes(1), "status");
            assertThat(status.output()).contains("supervisor: running");
            for (String victim : victims) {
                assertThat(status.output().lines().filter(l -> l.startsWith(victim + " ")).findFirst().orElseThrow())
                        .as("status of %s", victim).containsPattern(" running[^\\n]* 1 +\\d{4}-\\d\\d-\\d\\dT");
            }

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
