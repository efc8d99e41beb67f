package dev.vigil.query.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.query.ServerParameters;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs read-only queries against ClickHouse, asynchronously, with every cost guard from
 * {@code vigil.clickhouse.query.*} attached.
 *
 * <p>Contract: input reaches ClickHouse only as server-side parameters ({@code {name:Type}} in the SQL, values in
 * {@code parameters}: strings, lists and maps of strings, numbers), never as SQL text; {@link ServerParameters}
 * writes their text, so ClickHouse sees exactly the values given. The returned future completes off the caller's thread, so it is safe to
 * call from the HTTP event loop; when it fails, the failure is a {@link StorageException} (wrapped in a
 * {@link java.util.concurrent.CompletionException} by the stages that follow, as usual) and nothing else.
 */
@Singleton
public final class ClickHouseReader {

    private final Client client;
    // Decodes the rows off the caller's thread; decoding blocks on the response stream, which virtual threads make cheap.
    private final ExecutorService executor;
    private final ClickHouseConfig.Query guards;

    /** The service's one client (telemetry-store's producer), which checked the configuration at start-up. */
    ClickHouseReader(Client client, ClickHouseConfig config) {
        this.client = client;
        this.guards = config.query();
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Decodes a whole result; runs on a reader thread, may block on the response stream. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ClickHouseBinaryFormatReader rows) throws Exception;
    }

    /**
     * Runs {@code sql} with {@code parameters} bound server-side and hands the rows to {@code rows}.
     *
     * @return the decoded result, or a future failed with {@link StorageException}
     */
    public <T> CompletableFuture<T> query(String sql, Map<String, Object> parameters, RowsReader<T> rows) {
        CompletableFuture<QueryResponse> response;
        try {
            response = client.query(sql, ServerParameters.bind(parameters), guardedSettings());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(StorageException.of(e));
        }
        return response
                .thenApplyAsync(r -> decode(r, rows), executor)
                .handle((result, failure) -> {
                    if (failure != null) {
                        throw StorageException.of(failure);
                    }
                    return result;
                });
    }

    private <T> T decode(QueryResponse response, RowsReader<T> rows) {
        try (response) {
            return rows.read(client.newBinaryFormatReader(response));
        } catch (Exception e) {
            throw StorageException.of(e);
        }
    }

    private QuerySettings guardedSettings() {
        return new QuerySettings()
                .setMaxExecutionTime((int) guards.maxExecutionTime().getSeconds())
                .serverSetting("max_rows_to_read", Long.toString(guards.maxRowsToRead()))
                .serverSetting("max_memory_usage", Long.toString(guards.maxMemoryUsage()));
    }

    @PreDestroy
    void close() {
        // The client is the producer's to close; decoding still running has its response to finish.
        executor.shutdown();
    }
}
