package dev.vigil.devstack.clickhouse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine behind ClickHouse's HTTP interface on the loopback address: a bounded pool of request
 * threads, each borrowing an engine connection, and a shutdown that never pulls the engine out
 * from under a running query.
 */
final class ClickHouseHttpServer {

    static final int KEEP_ALIVE_SECONDS = 10;

    private static final int QUEUED_REQUESTS = 1024;
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private final Chdb chdb;
    private final ConnectionPool pool;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final QueryHandler queries;
    private final Object inFlightLock = new Object();
    private int inFlight;
    private Boolean stopped;

    private ClickHouseHttpServer(Chdb chdb, ConnectionPool pool, HttpServer server, ThreadPoolExecutor executor,
                                 QueryHandler queries) {
        this.chdb = chdb;
        this.pool = pool;
        this.server = server;
        this.executor = executor;
        this.queries = queries;
    }

    /** Boots the engine on {@code dataDirectory} and starts serving; port 0 picks a free port. */
    static ClickHouseHttpServer start(Chdb chdb, Path dataDirectory, int port, int threads) throws IOException {
        ConnectionPool pool = new ConnectionPool(chdb, dataDirectory, threads);
        HttpServer server;
        try {
            QueryHandler.ServerIdentity identity = new QueryHandler.ServerIdentity(timezone(pool), "vigil-devstack");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            AtomicInteger threadNumber = new AtomicInteger();
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUED_REQUESTS), runnable -> {
                        Thread thread = new Thread(runnable, "clickhouse-http-" + threadNumber.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            ClickHouseHttpServer instance = new ClickHouseHttpServer(chdb, pool, server, executor,
                    new QueryHandler(pool, identity));
            server.createContext("/", instance::route);
            server.setExecutor(executor);
            server.start();
            return instance;
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static String timezone(ConnectionPool pool) {
        try (ChdbResult result = pool.anchor().query("SELECT timezone()", "TabSeparatedRaw", Map.of())) {
            var out = new java.io.ByteArrayOutputStream();
            result.writeTo(out);
            return out.toString(StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the engine's timezone", e);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/" -> queries.handle(exchange);
                case "/ping", "/replicas_status" -> respond(exchange, 200, "Ok.\n");
                default -> respond(exchange, 404, "There is no handle " + path + "\n");
            }
        } finally {
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        try (exchange) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Stops accepting, lets running requests finish for up to {@code drain}, cancels what still
     * runs after that, and only then closes the engine: exiting under a running query can crash
     * inside the library. Idempotent; concurrent callers all return once the engine is closed.
     *
     * @return whether the engine was closed cleanly
     */
    synchronized boolean shutdown(Duration drain) {
        // A second caller (the JVM's shutdown hook, say) waits here until the first has finished.
        if (stopped != null) {
            return stopped;
        }
        stopped = stop(drain);
        return stopped;
    }

    private boolean stop(Duration drain) {
        ServerLog.info("Stopping: refusing new requests, letting running ones finish");
        long stopping = System.nanoTime();
        server.stop((int) Math.max(0, drain.toSeconds()));
        ServerLog.info("HTTP stopped after " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
        if (!awaitIdle(Duration.ofMillis(200))) {
            ServerLog.warn("Cancelling the queries still running after " + drain.toSeconds() + " s of draining");
            try {
                pool.anchor().execute("KILL QUERY WHERE query NOT ILIKE 'KILL QUERY%' ASYNC");
            } catch (QueryException e) {
                ServerLog.warn("Could not cancel running queries: " + e.getMessage());
            }
            if (!awaitIdle(KILL_GRACE)) {
                ServerLog.error("Queries still run after cancelling; leaving the engine open rather than crash it", null);
                executor.shutdownNow();
                return false;
            }
        }
        executor.shutdown();
        pool.close();
        ServerLog.info("Connections closed after " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
        if (!chdb.shutdown()) {
            // Seen whenever MergeTree tables were written: their background pools do not join in
            // time. With every connection closed nothing runs in them, and process exit ends them.
            ServerLog.info("The engine left some of its background threads to end with the process");
        }
        ServerLog.info("Stopped");
        return true;
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlightLock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
