package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.clickhouse.EncodedRows;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PartitionBatchTest {
    private static final long LINGER = 1_000;

    @Test
    void isDueWhenFullOrOldEnough() {
        PartitionBatch<EncodedRows> batch = new PartitionBatch<>("t", 0, OptionalLong.empty());
        assertThat(batch.isDue(3, LINGER, 0)).isFalse();
        batch.add(record(5), rows(2), 2, 100);
        assertThat(batch.isDue(3, LINGER, 100)).isFalse();
        assertThat(batch.isDue(3, LINGER, 100 + LINGER)).isTrue();
        batch.add(record(6), rows(1), 1, 200);
        assertThat(batch.isDue(3, LINGER, 200)).isTrue();
        assertThat(batch.dedupToken()).isEqualTo("t:0:5-6");
    }

    @Test
    void closesExactlyAtTheBoundaryAnEarlierOwnerLeft() {
        PartitionBatch<EncodedRows> batch = new PartitionBatch<>("t", 2, OptionalLong.of(12));
        batch.add(record(10), rows(1), 1, 0);
        batch.addDeadLetter(record(11), "garbage", 0);
        // Neither size nor age closes it before the boundary: the token must match the earlier batch's.
        assertThat(batch.isDue(1, LINGER, 10 * LINGER)).isFalse();
        assertThat(batch.accepts(12)).isTrue();
        batch.add(record(12), rows(1), 1, 0);
        assertThat(batch.isDue(1_000_000, LINGER, 0)).isTrue();
        assertThat(batch.accepts(13)).isFalse();
        assertThat(batch.dedupToken()).isEqualTo("t:2:10-12");
        assertThat(batch.decoded()).extracting(d -> d.record().offset()).containsExactly(10L, 12L);
        assertThat(batch.items()).isEqualTo(2);
        assertThat(batch.deadLetters()).extracting(PartitionBatch.DeadLetter::reason).containsExactly("garbage");
    }

    @Test
    void forgetsABoundaryBehindItsFirstRecord() {
        PartitionBatch<EncodedRows> batch = new PartitionBatch<>("t", 0, OptionalLong.of(3));
        batch.add(record(7), rows(1), 1, 0);
        assertThat(batch.accepts(8)).isTrue();
        assertThat(batch.isDue(10, LINGER, 0)).isFalse();
        assertThat(batch.isDue(10, LINGER, LINGER)).isTrue();
    }

    @Test
    void countsDeadLetterRecordsInTheOffsetRange() {
        PartitionBatch<EncodedRows> batch = new PartitionBatch<>("t", 0, OptionalLong.empty());
        batch.addDeadLetter(record(40), "bad", 0);
        batch.add(record(41), rows(1), 1, 0);
        assertThat(batch.firstOffset()).isEqualTo(40);
        assertThat(batch.lastOffset()).isEqualTo(41);
    }

    @Test
    void aRecordItsPipelineDoesNotStoreMovesTheOffsetsButAddsNoItems() {
        PartitionBatch<EncodedRows> batch = new PartitionBatch<>("t", 1, OptionalLong.empty());
        batch.addNotStored(record(20), 0);
        batch.add(record(21), rows(3), 3, 0);
        batch.addNotStored(record(22), 0);
        assertThat(batch.items()).isEqualTo(3);
        assertThat(batch.isDue(4, LINGER, 0)).isFalse();
        assertThat(batch.decoded()).extracting(d -> d.record().offset()).containsExactly(21L);
        assertThat(batch.dedupToken()).isEqualTo("t:1:20-22");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>("t", 0, offset, new byte[0], new byte[0]);
    }

    private static EncodedRows rows(int n) {
        return new EncodedRows(new byte[0], n);
    }
}
