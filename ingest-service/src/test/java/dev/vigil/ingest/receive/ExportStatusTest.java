package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class ExportStatusTest {

    @Test
    void refusesAnInvalidRequestForGood() {
        ExportStatus status = ExportStatus.of(new InvalidExportException("span_id has 9 bytes"));
        assertThat(status).isEqualTo(new ExportStatus(400, 3, "span_id has 9 bytes", false));
    }

    @Test
    void refusesAnUnreadableContentTypeWith415() {
        ExportStatus status = ExportStatus.of(new UnsupportedContentTypeException("send application/x-protobuf or application/json"));
        assertThat(status.httpStatus()).isEqualTo(415);
        assertThat(status.retryable()).isFalse();
    }

    @Test
    void asksForARetryWhenKafkaIsSlowOrDownEvenWhenTheFailureIsWrapped() {
        for (Throwable failure : new Throwable[] {
                new TimeoutException("Expiring 3 record(s)"),
                new CompletionException(new NotEnoughReplicasException("1 of 3 in sync")),
                new ExecutionException(new CompletionException(new java.util.concurrent.TimeoutException())),
                new IllegalStateException("Cannot perform operation after producer has been closed")}) {
            ExportStatus status = ExportStatus.of(failure);
            assertThat(status.httpStatus()).as(failure.toString()).isEqualTo(503);
            assertThat(status.grpcCode()).isEqualTo(14);
            assertThat(status.retryable()).isTrue();
        }
        assertThat(ExportStatus.of(new TimeoutException("Expiring 3 record(s)")).message()).contains("Expiring 3 record(s)");
    }

    @Test
    void asksForARetryWith429AndResourceExhaustedWhenTheReceiverIsOverloaded() {
        ExportStatus status = ExportStatus.of(new CompletionException(new OverloadedException("too much in flight")));
        assertThat(status).isEqualTo(new ExportStatus(429, 8, "too much in flight", true));
    }

    @Test
    void refusesABodyOverTheLimitWith413ForGood() {
        ExportStatus status = ExportStatus.of(new RequestTooLargeException("larger than 1024 bytes"));
        assertThat(status).isEqualTo(new ExportStatus(413, 8, "larger than 1024 bytes", false));
    }

    @Test
    void doesNotAskForARetryWhenTheBrokerCannotTakeTheRecordSize() {
        ExportStatus status = ExportStatus.of(new CompletionException(new RecordTooLargeException("too large")));
        assertThat(status.httpStatus()).isEqualTo(500);
        assertThat(status.retryable()).isFalse();
        assertThat(status.message()).contains("vigil.ingest.receive.max-record-bytes");
    }

    @Test
    void asksForARetryWhenDecodingRanOutOfHeapOrStackNeverCallingTheRequestMalformed() {
        for (Throwable failure : new Throwable[] {
                new CompletionException(new DecodeExhaustedException("ran out of memory", new OutOfMemoryError())),
                new CompletionException(new OutOfMemoryError("Java heap space")),
                new StackOverflowError()}) {
            ExportStatus status = ExportStatus.of(failure);
            assertThat(status.httpStatus()).as(failure.toString()).isEqualTo(503);
            assertThat(status.grpcCode()).isEqualTo(14);
            assertThat(status.retryable()).isTrue();
        }
        assertThat(ExportStatus.of(new OutOfMemoryError("Java heap space")).message())
                .isEqualTo("the receiver ran short of resources, send it again later: Java heap space");
    }

    @Test
    void cutsOffABodyThatDidNotArriveInTimeWith408AndDeadlineExceeded() {
        ExportStatus status = ExportStatus.of(new BodyTimeoutException("the body arrived slower than 16384 bytes/s over 30000 ms"));
        assertThat(status).isEqualTo(new ExportStatus(408, 4, "the body arrived slower than 16384 bytes/s over 30000 ms", true));
    }
}
