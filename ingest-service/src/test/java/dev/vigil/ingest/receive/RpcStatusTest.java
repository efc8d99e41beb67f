package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcStatusTest {

    @Test
    void carriesCodeAndMessageAndNoDetailsForAFinalRefusal() {
        Status status = RpcStatus.of(new ExportStatus(400, 3, "trace_id has 5 bytes", false), Duration.ofSeconds(5));

        assertThat(status.getCode()).isEqualTo(3);
        assertThat(status.getMessage()).isEqualTo("trace_id has 5 bytes");
        assertThat(status.getDetailsList()).isEmpty();
    }

    @Test
    void carriesRetryInfoWithTheRetryDelayForARetryableRefusal() throws InvalidProtocolBufferException {
        Status status = RpcStatus.of(new ExportStatus(503, 14, "Kafka is down", true), Duration.ofMillis(2_500));

        assertThat(status.getCode()).isEqualTo(14);
        assertThat(status.getDetailsCount()).isEqualTo(1);
        RetryInfo retry = status.getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(2);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
    }
}
