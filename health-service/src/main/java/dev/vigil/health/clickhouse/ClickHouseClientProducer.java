package dev.vigil.health.clickhouse;

import com.clickhouse.client.api.Client;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;

/** The one ClickHouse client of the service. Building it opens no connection; the first request does. */
@Singleton
final class ClickHouseClientProducer {

    @Produces
    @Singleton
    @Startup // so that an invalid configuration stops the service at start-up, naming the setting
    Client client(ClickHouseConfig config) {
        ClickHouseConfig.validate(config);
        return new Client.Builder()
                .addEndpoint(config.url())
                .setUsername(config.username())
                .setPassword(config.password().orElse(""))
                .setDefaultDatabase(config.database())
                .setClientName("vigil-health-service")
                .setConnectTimeout(2, ChronoUnit.SECONDS)
                .setSocketTimeout(config.queryTimeout().toMillis() + 5_000, ChronoUnit.MILLIS)
                .build();
    }

    void close(@Disposes Client client) {
        client.close();
    }
}
