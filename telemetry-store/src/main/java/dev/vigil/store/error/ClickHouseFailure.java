package dev.vigil.store.error;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataTransferException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.TransportException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The one reading of a failed ClickHouse call, for writers and readers alike: whether the same request can succeed
 * later, and which cost guard stopped it, if one did. Callers decide what to do (a writer retries or sets rows
 * aside, a reader answers 503 or 500) without knowing ClickHouse's error codes.
 *
 * @param kind what the failure means for the request
 * @param code ClickHouse's error code ({@code src/Common/ErrorCodes.cpp}), or {@link #NO_CODE} when the server gave
 *        none (unreachable, dropped connection, a client-side fault)
 * @param guard the {@code vigil.clickhouse.query.*} setting whose limit stopped a read, or {@code null}
 * @param cause the failure itself, out of any {@link CompletionException} or {@link ExecutionException}
 */
public record ClickHouseFailure(Kind kind, int code, String guard, Throwable cause) {

    /** No error code from the server. */
    public static final int NO_CODE = -1;

    /** What a failure means for the request that met it. */
    public enum Kind {
        /**
         * The server is unreachable, overloaded, refuses us, or lacks the schema yet: the same request can succeed once
         * it or its operator recovers.
         */
        RETRYABLE,
        /**
         * The request cannot succeed as sent (a query or decoding fault, a cost guard's row limit): repeating it
         * unchanged will fail again. A writer's rows are not at fault, so they are kept, not set aside.
         */
        PERMANENT,
        /** The server refused the data itself: some row cannot be read as its column's type. Only without it can the rest be stored. */
        PER_ROW
    }

    // Grouped by what they mean for the request.
    private static final int TOO_MANY_ROWS = 158;
    private static final int TIMEOUT_EXCEEDED = 159;
    private static final int TOO_SLOW = 160;
    private static final int MEMORY_LIMIT_EXCEEDED = 241;
    private static final int TOO_MANY_BYTES = 307;
    private static final int TOO_MANY_ROWS_OR_BYTES = 396;

    /**
     * The data itself is refused: CANNOT_PARSE_TEXT (6), CANNOT_PARSE_INPUT_ASSERTION_FAILED (27), CANNOT_PARSE_DATE
     * (38), CANNOT_PARSE_DATETIME (41), TYPE_MISMATCH (53), CANNOT_CONVERT_TYPE (70), CANNOT_PARSE_NUMBER (72),
     * INCORRECT_DATA (117), TOO_LARGE_ARRAY_SIZE (128), TOO_LARGE_STRING_SIZE (131), VIOLATED_CONSTRAINT (469: a row a
     * table's constraint refuses, such as a timestamp its TTL cannot hold).
     */
    private static final Set<Integer> ROW_REFUSED = Set.of(6, 27, 38, 41, 53, 70, 72, 117, 128, 131, 469);

    /** Passes once the server or its operator recovers; memory and time limits too, as the load changes. */
    private static final Set<Integer> TRANSIENT = Set.of(
            60, // UNKNOWN_TABLE: the persist stage has not applied the schema yet
            81, // UNKNOWN_DATABASE: idem
            TIMEOUT_EXCEEDED,
            TOO_SLOW,
            192, // UNKNOWN_USER
            194, // REQUIRED_PASSWORD
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            MEMORY_LIMIT_EXCEEDED,
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            279, // ALL_CONNECTION_TRIES_FAILED
            319, // UNKNOWN_STATUS_OF_INSERT
            425, // SYSTEM_ERROR
            516, // AUTHENTICATION_FAILED
            999 // KEEPER_EXCEPTION
    );

    /** Classifies any failure of a ClickHouse call, wrapped by futures or not. */
    public static ClickHouseFailure of(Throwable failure) {
        Throwable cause = unwrap(failure);
        ServerException server = serverCause(cause);
        if (server != null) {
            return ofServer(server, cause);
        }
        if (cause instanceof ConnectionInitiationException
                || cause instanceof DataTransferException
                || cause instanceof TransportException
                || (cause instanceof ClickHouseException clickHouse && clickHouse.isRetryable())
                || hasNetworkCause(cause)) {
            return new ClickHouseFailure(Kind.RETRYABLE, NO_CODE, null, cause);
        }
        return new ClickHouseFailure(Kind.PERMANENT, NO_CODE, null, cause);
    }

    /** Whether the same request may succeed when sent again later. */
    public boolean retryable() {
        return kind == Kind.RETRYABLE;
    }

    private static ClickHouseFailure ofServer(ServerException server, Throwable cause) {
        int code = server.getCode();
        String guard = switch (code) {
            case TIMEOUT_EXCEEDED, TOO_SLOW -> "vigil.clickhouse.query.max-execution-time";
            case TOO_MANY_ROWS, TOO_MANY_BYTES, TOO_MANY_ROWS_OR_BYTES -> "vigil.clickhouse.query.max-rows-to-read";
            case MEMORY_LIMIT_EXCEEDED -> "vigil.clickhouse.query.max-memory-usage";
            default -> null;
        };
        Kind kind;
        if (ROW_REFUSED.contains(code)) {
            kind = Kind.PER_ROW;
        } else if (TRANSIENT.contains(code) || server.isRetryable()
                // A non-ClickHouse HTTP error (a proxy's 502/503) carries CODE_UNKNOWN and the transport status.
                || (code == ServerException.CODE_UNKNOWN && server.getTransportProtocolCode() >= 500)) {
            kind = Kind.RETRYABLE;
        } else {
            kind = Kind.PERMANENT;
        }
        return new ClickHouseFailure(kind, code, guard, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    // The server's own verdict wins wherever a wrapper (an insert's own exception type) carries it.
    private static ServerException serverCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerException server) {
                return server;
            }
        }
        return null;
    }

    // A connection dropped while the body streams in surfaces as a decoding error caused by a socket failure; a
    // caller that stopped waiting for an answer wraps a TimeoutException.
    private static boolean hasNetworkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof NoHttpResponseException
                    || t instanceof ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }
}
