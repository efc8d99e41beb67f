package dev.vigil.alert.postgres;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs work in one PostgreSQL transaction, blocking the calling thread: callers are virtual threads of
 * the evaluation and notification loops, never the HTTP event loop. Commits when the work returns,
 * rolls back when it throws.
 */
@Singleton
public final class Transactions {

    private final Pool pool;

    Transactions(Pool pool) {
        this.pool = pool;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(SqlConnection connection) throws Exception;
    }

    public <T> T inTransaction(Work<T> work) throws Exception {
        SqlConnection connection = pool.getConnectionAndAwait();
        try {
            Transaction transaction = connection.beginAndAwait();
            T result;
            try {
                result = work.run(connection);
            } catch (Exception | Error e) {
                transaction.rollbackAndForget();
                throw e;
            }
            transaction.commitAndAwait();
            return result;
        } finally {
            connection.closeAndForget();
        }
    }

    /** Runs one statement outside an explicit transaction. */
    public <T> T withConnection(Work<T> work) throws Exception {
        SqlConnection connection = pool.getConnectionAndAwait();
        try {
            return work.run(connection);
        } finally {
            connection.closeAndForget();
        }
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static JsonObject json(Map<String, ?> map) {
        return new JsonObject(new LinkedHashMap<>(map));
    }

    public static JsonArray json(List<?> list) {
        return new JsonArray(new ArrayList<>(list));
    }

    public static Map<String, String> strings(JsonObject json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return out;
    }
}
