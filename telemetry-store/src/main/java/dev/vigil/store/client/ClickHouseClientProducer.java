package dev.vigil.store.client;

import com.clickhouse.client.api.Client;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one ClickHouse client of a service, for every bean that reads or writes ClickHouse. */
@Singleton
final class ClickHouseClientProducer {

    // Runs the HTTP exchanges and the row decoding; both block on I/O, which virtual threads make cheap.
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Produces
    @Singleton
    @Startup // so that an invalid configuration stops the service at start-up, naming the setting
    Client client(ClickHouseConfig config,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String application) {
        return ClickHouseClients.create(config, "vigil-" + application, executor);
    }

    void close(@Disposes Client client) {
        // Client first: it aborts exchanges still running on the executor, which then has nothing to wait for.
        client.close();
        executor.shutdown();
    }
}
