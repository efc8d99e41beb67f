package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contracts.Headers;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class StoreHandlerTest {

    @Test
    void storesARecordUnlessItsPipelineSaysStoreFalse() {
        assertThat(StoreHandler.isStored(record())).isTrue();
        assertThat(StoreHandler.isStored(record(Headers.STORE, "true"))).isTrue();
        assertThat(StoreHandler.isStored(record(Headers.STORE, "false"))).isFalse();
        assertThat(StoreHandler.isStored(record(Headers.STORE, " FALSE "))).isFalse();
        // The last header wins, as Kafka's lastHeader reads it.
        assertThat(StoreHandler.isStored(record(Headers.STORE, "false", Headers.STORE, "true"))).isTrue();
    }

    @Test
    void countsARecordWithoutAPipelineHeaderUnderDefault() {
        assertThat(StoreHandler.pipeline(record())).isEqualTo("default");
        assertThat(StoreHandler.pipeline(record(Headers.PIPELINE, ""))).isEqualTo("default");
        assertThat(StoreHandler.pipeline(record(Headers.PIPELINE, "audit"))).isEqualTo("audit");
    }

    private static ConsumerRecord<byte[], byte[]> record(String... headers) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 0, new byte[0], new byte[0]);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
