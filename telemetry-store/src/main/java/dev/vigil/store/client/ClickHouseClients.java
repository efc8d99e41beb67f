package dev.vigil.store.client;

import com.clickhouse.client.api.Client;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;

/**
 * Builds ClickHouse clients from {@link ClickHouseConfig}: the one place that turns the settings into a client.
 * Building one opens no connection; the first request does.
 */
public final class ClickHouseClients {

    private ClickHouseClients() {
    }

    /**
     * A client of the configured server and database whose calls return at once and run on {@code executor}, so a
     * caller on an event loop never blocks; callers that may block simply wait on the returned futures.
     *
     * <p>Requests go to the configured database unless they name another. The migrator, which creates that database,
     * sends its statements to {@code default}.
     */
    public static Client create(ClickHouseConfig config, String clientName, ExecutorService executor) {
        ClickHouseConfigCheck.validate(config);
        return new Client.Builder()
                .addEndpoint(config.url())
                .setUsername(config.username())
                .setPassword(config.password().orElse(""))
                .setDefaultDatabase(config.database())
                .setClientName(clientName)
                .setConnectTimeout(config.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(config.socketTimeout().toMillis(), ChronoUnit.MILLIS)
                .useAsyncRequests(true)
                .setSharedOperationExecutor(executor)
                .build();
    }
}
