package dev.vigil.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BatchTest {
    private static final long LINGER = 1_000;

    @Test
    void isDueWhenFullOrOldEnough() {
        Batch<String> batch = new Batch<>("t", 0, OptionalLong.empty());
        assertThat(batch.isDue(BatchLimit.ofWeight(3), LINGER, 0)).isFalse();
        batch.add(record(5), Read.item("a", 2), 100);
        assertThat(batch.isDue(BatchLimit.ofWeight(3), LINGER, 100)).isFalse();
        assertThat(batch.isDue(BatchLimit.ofWeight(3), LINGER, 100 + LINGER)).isTrue();
        batch.add(record(6), Read.item("b", 1), 200);
        assertThat(batch.isDue(BatchLimit.ofWeight(3), LINGER, 200)).isTrue();
        assertThat(batch.dedupToken()).isEqualTo("t:0:5-6");
    }

    @Test
    void leavesARecordThatWouldTakeItPastItsWeightToTheNextBatch() {
        Batch<String> batch = new Batch<>("t", 0, OptionalLong.empty());
        batch.add(record(1), Read.skip(), 0);
        // Records passed over weigh nothing: a batch of them takes the first record to send.
        assertThat(batch.accepts(2, 1, 0, BatchLimit.ofWeight(1))).isTrue();
        batch.add(record(2), Read.item("a", 1), 0);
        assertThat(batch.accepts(3, 1, 0, BatchLimit.ofWeight(1))).isFalse();
        assertThat(batch.accepts(3, 0, 0, BatchLimit.ofWeight(1))).isTrue();
    }

    @Test
    void isFullWhenItsRecordsComeToTheLimitsBytesWhateverTheyWeigh() {
        BatchLimit limit = new BatchLimit(1_000, 100);
        Batch<String> batch = new Batch<>("t", 0, OptionalLong.empty());
        batch.add(record(1, 60), Read.item("a", 1), 0);
        assertThat(batch.isDue(limit, LINGER, 0)).isFalse();
        assertThat(batch.accepts(2, 1, 40, limit)).isTrue();
        assertThat(batch.accepts(2, 1, 41, limit)).as("past the bytes: the next batch's").isFalse();
        batch.add(record(2, 40), Read.item("b", 1), 0);
        assertThat(batch.isDue(limit, LINGER, 0)).isTrue();
        // A record passed over is not held, so its bytes do not count.
        Batch<String> skipping = new Batch<>("t", 0, OptionalLong.empty());
        skipping.add(record(3, 500), Read.skip(), 0);
        skipping.add(record(4, 10), Read.item("c", 1), 0);
        assertThat(skipping.isDue(limit, LINGER, 0)).isFalse();
    }

    @Test
    void closesExactlyAtTheBoundaryAnEarlierOwnerLeft() {
        Batch<String> batch = new Batch<>("t", 2, OptionalLong.of(12));
        batch.add(record(10), Read.item("a", 1), 0);
        batch.add(record(11), Read.refuse("garbage"), 0);
        // Neither size nor age closes it before the boundary: the token must match the earlier batch's.
        assertThat(batch.isDue(BatchLimit.ofWeight(1), LINGER, 10 * LINGER)).isFalse();
        assertThat(batch.accepts(12, 5, 0, BatchLimit.ofWeight(1))).isTrue();
        batch.add(record(12), Read.item("b", 1), 0);
        assertThat(batch.isDue(BatchLimit.ofWeight(1_000_000), LINGER, 0)).isTrue();
        assertThat(batch.accepts(13, 0, 0, BatchLimit.ofWeight(1_000_000))).isFalse();
        assertThat(batch.dedupToken()).isEqualTo("t:2:10-12");
        assertThat(batch.entries()).extracting(e -> e.record().offset()).containsExactly(10L, 12L);
        assertThat(batch.weight()).isEqualTo(2);
        assertThat(batch.refused()).extracting(DeadLetter::reason).containsExactly("garbage");
    }

    @Test
    void forgetsABoundaryBehindItsFirstRecord() {
        Batch<String> batch = new Batch<>("t", 0, OptionalLong.of(3));
        batch.add(record(7), Read.item("a", 1), 0);
        assertThat(batch.accepts(8, 1, 0, BatchLimit.ofWeight(10))).isTrue();
        assertThat(batch.isDue(BatchLimit.ofWeight(10), LINGER, 0)).isFalse();
        assertThat(batch.isDue(BatchLimit.ofWeight(10), LINGER, LINGER)).isTrue();
    }

    @Test
    void countsRefusedRecordsInTheOffsetRange() {
        Batch<String> batch = new Batch<>("t", 0, OptionalLong.empty());
        batch.add(record(40), Read.refuse("bad"), 0);
        batch.add(record(41), Read.item("a", 1), 0);
        assertThat(batch.firstOffset()).isEqualTo(40);
        assertThat(batch.lastOffset()).isEqualTo(41);
    }

    @Test
    void aRecordPassedOverMovesTheOffsetsButAddsNoWeight() {
        Batch<String> batch = new Batch<>("t", 1, OptionalLong.empty());
        batch.add(record(20), Read.skip(), 0);
        batch.add(record(21), Read.item("a", 3), 0);
        batch.add(record(22), Read.skip(), 0);
        assertThat(batch.weight()).isEqualTo(3);
        assertThat(batch.isDue(BatchLimit.ofWeight(4), LINGER, 0)).isFalse();
        assertThat(batch.entries()).extracting(e -> e.record().offset()).containsExactly(21L);
        assertThat(batch.dedupToken()).isEqualTo("t:1:20-22");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return record(offset, 0);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, int valueBytes) {
        return new ConsumerRecord<>("t", 0, offset, 0L, TimestampType.CREATE_TIME, 0,
                valueBytes, new byte[0], new byte[valueBytes], new RecordHeaders(),
                Optional.empty());
    }
}
