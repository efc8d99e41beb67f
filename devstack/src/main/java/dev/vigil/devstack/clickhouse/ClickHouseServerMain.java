package dev.vigil.devstack.clickhouse;

import dev.vigil.devstack.launch.ParentWatch;
import dev.vigil.devstack.launch.ReadyLine;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded ClickHouse server as a process of its own:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp devstack.jar:lib/* \
 *     dev.vigil.devstack.clickhouse.ClickHouseServerMain --port 8123 --data /path/to/dir
 * </pre>
 *
 * <p>Once it serves, it prints exactly one line to stdout, {@code VIGIL-READY clickhouse
 * http://127.0.0.1:<port>}; everything else goes to stderr. SIGTERM or SIGINT shut it down
 * gracefully (stop accepting, drain, close the engine) and it exits 0. Failing to start, it exits 1
 * with the reason on stderr; a bad command line exits 2.
 */
public final class ClickHouseServerMain {

    private ClickHouseServerMain() {
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ClickHouseHttpServer server;
        try {
            server = start(options);
        } catch (IOException | RuntimeException e) {
            ServerLog.error("The ClickHouse server could not start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Replacing the JVM's own SIGTERM handling: it would exit 143 and let the process end while
        // the engine is still closing. A requested stop is a clean exit.
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        // Any other way out (System.exit elsewhere, SIGHUP) still closes the engine first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(options.drain()), "clickhouse-shutdown"));
        // A launcher that is gone cannot stop us: exit, and the shutdown hook closes the engine.
        options.parentPid().ifPresent(ParentWatch::watch);
        ReadyLine.announce("clickhouse", "http://127.0.0.1:" + server.port());
        // The main thread stays until the engine is closed: once the HTTP server stops, no other
        // live thread would keep the JVM from exiting halfway through the shutdown.
        awaitUninterruptibly(stopRequested);
        System.exit(server.shutdown(options.drain()) ? 0 : 1);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ClickHouseHttpServer start(ServerOptions options) throws IOException {
        long started = System.nanoTime();
        Path library = ChdbLibrary.locate();
        Files.createDirectories(options.dataDirectory());
        Chdb chdb = Chdb.load(library);
        ClickHouseHttpServer server = ClickHouseHttpServer.start(chdb, options.dataDirectory(), options.port(),
                options.threads());
        ServerLog.info("ClickHouse engine " + chdb.version() + " serving " + options.dataDirectory() + " on port "
                + server.port() + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return server;
    }
}
