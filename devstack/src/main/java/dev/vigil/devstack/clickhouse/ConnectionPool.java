package dev.vigil.devstack.clickhouse;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Engine connections for concurrent requests, all on the process' one data directory.
 *
 * <p>ClickHouse's HTTP interface gives every request a fresh session, while an engine connection
 * keeps whatever USE and SET did on it. A connection therefore goes back to the pool only while its
 * state is known: its current database is tracked, and a request that changed anything else (URL
 * settings, or a SET, USE or other session statement of its own) has its connection closed instead.
 * Opening a connection costs well under a millisecond once the engine is up.
 *
 * <p>One extra connection, the anchor, stays open for the life of the pool: closing the last
 * connection shuts the engine down, and the engine is meant to boot once per process.
 */
final class ConnectionPool implements AutoCloseable {

    static final String DEFAULT_DATABASE = "default";

    private final Chdb chdb;
    private final Path dataDirectory;
    private final int maxIdle;
    private final ChdbConnection anchor;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    private record Idle(ChdbConnection connection, String database) {
    }

    ConnectionPool(Chdb chdb, Path dataDirectory, int maxIdle) {
        this.chdb = chdb;
        this.dataDirectory = dataDirectory;
        this.maxIdle = maxIdle;
        this.anchor = chdb.connect(dataDirectory);
    }

    /** The connection that keeps the engine up; for the server's own statements, one thread at a time. */
    ChdbConnection anchor() {
        return anchor;
    }

    /** A connection whose current database is {@code database}. */
    Lease acquire(String database) {
        Idle reused = takeIdle(database);
        ChdbConnection connection = reused != null ? reused.connection() : chdb.connect(dataDirectory);
        String current = reused != null ? reused.database() : DEFAULT_DATABASE;
        Lease lease = new Lease(connection, current);
        if (!current.equals(database)) {
            try {
                connection.execute("USE " + quoteIdentifier(database));
                lease.database = database;
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
        }
        return lease;
    }

    private synchronized Idle takeIdle(String database) {
        if (closed) {
            throw QueryException.of(QueryException.UNKNOWN_CODE, "ABORTED", "The server is shutting down");
        }
        for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
            Idle candidate = it.next();
            if (candidate.database().equals(database)) {
                it.remove();
                return candidate;
            }
        }
        return idle.pollFirst();
    }

    private void giveBack(ChdbConnection connection, String database) {
        synchronized (this) {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(new Idle(connection, database));
                return;
            }
        }
        connection.close();
    }

    /**
     * Closes every idle connection, then the anchor, which shuts the engine down. Callers make sure
     * no request still holds a lease: closing under a running query can crash the engine.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Idle next;
        while ((next = pollIdle()) != null) {
            next.connection().close();
        }
        anchor.close();
    }

    private synchronized Idle pollIdle() {
        return idle.pollFirst();
    }

    static String quoteIdentifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** A connection lent to one request. */
    final class Lease implements AutoCloseable {

        private final ChdbConnection connection;
        private String database;
        private boolean sessionChanged;

        private Lease(ChdbConnection connection, String database) {
            this.connection = connection;
            this.database = database;
        }

        ChdbConnection connection() {
            return connection;
        }

        /** The request changed session state beyond the database: the connection must not be reused. */
        void markSessionChanged() {
            sessionChanged = true;
        }

        @Override
        public void close() {
            if (sessionChanged) {
                connection.close();
            } else {
                giveBack(connection, database);
            }
        }
    }
}
