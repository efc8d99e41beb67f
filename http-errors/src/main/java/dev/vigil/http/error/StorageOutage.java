package dev.vigil.http.error;

import com.clickhouse.client.api.ClickHouseException;
import dev.vigil.store.error.ClickHouseFailure;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a failure that retrying later can cure because a store could not be reached: ClickHouse unreachable,
 * overloaded or timing out (by telemetry-store's {@link ClickHouseFailure}), PostgreSQL refusing or dropping the
 * connection, or a connection pool that timed out waiting for one. Such a failure is answered 503 with
 * {@code Retry-After}, not 500: nothing is wrong with the request or the service, only with what it depends on.
 *
 * @param store who could not answer, as a client should read it: "the telemetry store (ClickHouse)"
 */
record StorageOutage(String store) {

    static final String CLICKHOUSE = "the telemetry store (ClickHouse)";
    static final String POSTGRESQL = "the database (PostgreSQL)";
    static final String UNKNOWN = "a store this service depends on";

    /**
     * SQLSTATEs of a PostgreSQL that cannot serve now but may soon: admin_shutdown, crash_shutdown,
     * cannot_connect_now (starting up), too_many_connections. Class 08 (connection exceptions) is matched as a class.
     */
    private static final Set<String> TRANSIENT_SQLSTATES = Set.of("57P01", "57P02", "57P03", "53300");

    /** What the message of an outage says; names the store, never the client's own exception text. */
    String message() {
        return store + " is unavailable; retry later";
    }

    /** The outage {@code failure} is, if it is one: the first recognised cause in its chain decides. */
    static Optional<StorageOutage> of(Throwable failure) {
        boolean network = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            switch (t) {
                // The ClickHouse client's own verdict (with the server's error code) is the one reading of it.
                case ClickHouseException clickHouse -> {
                    return ClickHouseFailure.of(clickHouse).retryable()
                            ? Optional.of(new StorageOutage(CLICKHOUSE)) : Optional.empty();
                }
                case DatabaseException database -> {
                    return transientState(database.getSqlState())
                            ? Optional.of(new StorageOutage(POSTGRESQL)) : Optional.empty();
                }
                case SQLException sql when transientState(sql.getSQLState()) -> {
                    return Optional.of(new StorageOutage(POSTGRESQL));
                }
                case ClosedConnectionException _ -> {
                    return Optional.of(new StorageOutage(POSTGRESQL));
                }
                // Vert.x reports a refused connection or an exhausted pool's wait without a type of its own.
                case NoStackTraceThrowable vertx when mentionsConnectionTrouble(vertx.getMessage()) -> network = true;
                case SocketException _ -> network = true; // ConnectException, NoRouteToHostException, ...
                case SocketTimeoutException _ -> network = true;
                case UnknownHostException _ -> network = true;
                case TimeoutException _ -> network = true; // a pool's or a future's wait ran out
                default -> {
                }
            }
        }
        return network ? Optional.of(new StorageOutage(UNKNOWN)) : Optional.empty();
    }

    private static boolean transientState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_SQLSTATES.contains(sqlState));
    }

    private static boolean mentionsConnectionTrouble(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("connection refused") || lower.contains("timeout") || lower.contains("timed out")
                || lower.contains("connection reset") || lower.contains("connection closed");
    }
}
