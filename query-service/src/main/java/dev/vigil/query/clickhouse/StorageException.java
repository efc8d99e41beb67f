package dev.vigil.query.clickhouse;

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
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * A read from ClickHouse failed. {@link #kind()} says whether retrying later can help, so the API layer can answer
 * with the right status without knowing ClickHouse's error codes.
 */
public final class StorageException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** ClickHouse cannot be reached, refuses us, or lacks the schema yet: retrying later may succeed. */
        UNAVAILABLE,
        /** A cost guard stopped the query; {@link #guard()} names the setting. */
        LIMIT_EXCEEDED,
        /** Anything else: a query or decoding fault on our side. */
        FAILED
    }

    // ClickHouse error codes (src/Common/ErrorCodes.cpp) grouped by what they mean for a reader.
    private static final int TOO_MANY_ROWS = 158;
    private static final int TIMEOUT_EXCEEDED = 159;
    private static final int TOO_SLOW = 160;
    private static final int MEMORY_LIMIT_EXCEEDED = 241;
    private static final int TOO_MANY_BYTES = 307;
    private static final int TOO_MANY_ROWS_OR_BYTES = 396;
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            60, // UNKNOWN_TABLE: the persist stage has not applied the schema yet
            81, // UNKNOWN_DATABASE: idem
            192, // UNKNOWN_USER
            194, // REQUIRED_PASSWORD
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            279, // ALL_CONNECTION_TRIES_FAILED
            516 // AUTHENTICATION_FAILED
    );

    private final Kind kind;
    private final String guard;

    private StorageException(Kind kind, String guard, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.guard = guard;
    }

    public Kind kind() {
        return kind;
    }

    /** The configuration key of the cost guard that stopped the query; {@code null} unless LIMIT_EXCEEDED. */
    public String guard() {
        return guard;
    }

    /** Classifies any failure of a ClickHouse call; an existing StorageException passes through unchanged. */
    static StorageException of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StorageException storage) {
            return storage;
        }
        if (cause instanceof ServerException server) {
            return ofServer(server);
        }
        if (cause instanceof ConnectionInitiationException
                || cause instanceof DataTransferException
                || cause instanceof TransportException
                || (cause instanceof ClickHouseException clickHouse && clickHouse.isRetryable())
                || hasNetworkCause(cause)) {
            return new StorageException(Kind.UNAVAILABLE, null, "ClickHouse unreachable: " + cause.getMessage(), cause);
        }
        return new StorageException(Kind.FAILED, null, "ClickHouse read failed: " + cause.getMessage(), cause);
    }

    private static StorageException ofServer(ServerException server) {
        String guard = switch (server.getCode()) {
            case TIMEOUT_EXCEEDED, TOO_SLOW -> "vigil.clickhouse.query.max-execution-time";
            case TOO_MANY_ROWS, TOO_MANY_BYTES, TOO_MANY_ROWS_OR_BYTES -> "vigil.clickhouse.query.max-rows-to-read";
            case MEMORY_LIMIT_EXCEEDED -> "vigil.clickhouse.query.max-memory-usage";
            default -> null;
        };
        if (guard != null) {
            return new StorageException(Kind.LIMIT_EXCEEDED, guard,
                    "ClickHouse stopped the query (" + guard + "): " + server.getMessage(), server);
        }
        // A non-ClickHouse HTTP error (a proxy's 502/503) carries CODE_UNKNOWN and the transport status.
        boolean unavailable = UNAVAILABLE_CODES.contains(server.getCode())
                || server.isRetryable()
                || (server.getCode() == ServerException.CODE_UNKNOWN && server.getTransportProtocolCode() >= 500);
        return new StorageException(unavailable ? Kind.UNAVAILABLE : Kind.FAILED, null,
                "ClickHouse error " + server.getCode() + ": " + server.getMessage(), server);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    // A connection dropped while the body streams in surfaces as a decoding error caused by a socket failure.
    private static boolean hasNetworkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketException
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
