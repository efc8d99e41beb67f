package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.demo.ingest.IngestTokenRefusedException;
import dev.vigil.devstack.testing.TestCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    /** How long the stand-in receiver takes to answer a metrics export: longer than the run itself. */
    private static final long SLOW_METRICS_MILLIS = 4_000;

    @Test
    void aTimedLiveRunEndsWithoutASevereRecordWhileAnExportIsStillInFlight() throws Exception {
        AtomicInteger metricsAnswered = new AtomicInteger();
        AtomicInteger tracesAndLogsAnswered = new AtomicInteger();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(metricsAnswered, tracesAndLogsAnswered, authorizations, 200);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            // The simulated cluster's first tick goes out at the start and is answered only after the run's 2 s:
            // the run ends with that export in flight, as a 2 m run does when its last tick meets its end.
            DemoMain.run(new String[] {"--endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "--duration", "2s", "--rate", "5", "--token", TestCredentials.INGEST_TOKEN}, Map.of());
        } finally {
            root.removeHandler(capture);
            receiver.stop(0);
        }

        assertThat(records).as("log records of levels WARNING and above")
                .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .extracting(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .isEmpty();
        assertThat(metricsAnswered.get()).as("metrics exports answered (the in-flight tick was waited for)")
                .isGreaterThanOrEqualTo(1);
        assertThat(tracesAndLogsAnswered.get()).as("trace and log exports answered").isGreaterThanOrEqualTo(2);
        assertThat(authorizations).as("the Authorization header of every export, the cluster's too")
                .hasSizeGreaterThanOrEqualTo(3).containsOnly(TestCredentials.ingestAuthorization());
    }

    @Test
    void aSeededRunSendsTheIngestTokenOfItsEnvironment() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(new AtomicInteger(), new AtomicInteger(), authorizations, 200);
        try {
            DemoMain.run(new String[] {"--endpoint", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "--seed", "7", "--requests", "20"}, Map.of("VIGIL_INGEST_TOKEN", TestCredentials.INGEST_TOKEN));
        } finally {
            receiver.stop(0);
        }

        assertThat(authorizations).as("the Authorization header of every export").isNotEmpty()
                .containsOnly(TestCredentials.ingestAuthorization());
    }

    @Test
    void aRunWithoutAValidTokenEndsSayingHowToGiveOne() throws Exception {
        HttpServer receiver = receiver(new AtomicInteger(), new AtomicInteger(), new CopyOnWriteArrayList<>(), 401);
        try {
            assertThatThrownBy(() -> DemoMain.run(new String[] {"--endpoint",
                "http://127.0.0.1:" + receiver.getAddress().getPort(), "--seed", "7", "--requests", "20"}, Map.of()))
                    .isInstanceOf(IngestTokenRefusedException.class)
                    .hasMessageContaining("401")
                    .hasMessageContaining("set VIGIL_INGEST_TOKEN or run through ./vigil demo");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * An OTLP/HTTP receiver that answers everything with {@code status}, metrics slowly, and keeps each request's
     * {@code Authorization} header.
     */
    private static HttpServer receiver(AtomicInteger metricsAnswered, AtomicInteger othersAnswered,
            List<String> authorizations, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                boolean metrics = exchange.getRequestURI().getPath().equals("/v1/metrics");
                if (metrics && status == 200) {
                    try {
                        Thread.sleep(SLOW_METRICS_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, -1);
                (metrics ? metricsAnswered : othersAnswered).incrementAndGet();
            }
        });
        server.start();
        return server;
    }
}
