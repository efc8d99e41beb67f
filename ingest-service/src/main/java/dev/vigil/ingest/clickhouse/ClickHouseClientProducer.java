package dev.vigil.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.temporal.ChronoUnit;

/** The one ClickHouse client of the service. Building it opens no connection; the first request does. */
@Singleton
final class ClickHouseClientProducer {

    @Produces
    @Singleton
    Client client(ClickHouseConfig config) {
        ClickHouseConfig.validate(config);
        // The configured database may not exist yet (the migrator creates it), so requests go to
        // "default" and every statement names its database.
        return new Client.Builder()
                .addEndpoint(config.url())
                .setUsername(config.username())
                .setPassword(config.password().orElse(""))
                .setDefaultDatabase("default")
                .setClientName("vigil-ingest")
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(60, ChronoUnit.SECONDS)
                .build();
    }

    void close(@Disposes Client client) {
        client.close();
    }
}
