package dev.vigil.store.schema;

import com.clickhouse.client.api.Client;
import dev.vigil.devstack.testing.SharedDevStack;

/** The schema tests' one way to reach the devstack's ClickHouse. */
final class TestClickHouse {
    private TestClickHouse() {
    }

    /** A client of the shared devstack's ClickHouse, as its default user; the caller closes it. */
    static Client connect() {
        return new Client.Builder().addEndpoint(SharedDevStack.get().clickHouseUrl()).setUsername("default")
                .setPassword("").build();
    }
}
