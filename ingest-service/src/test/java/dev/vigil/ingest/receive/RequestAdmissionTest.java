package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RequestAdmissionTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestAdmission admission = new RequestAdmission(1000, 1, 2, new ReceiveMeters(registry));

    @Test
    void admitsWhatFitsTheBudgetAndRefusesTheRestUntilItIsReleased() {
        RequestAdmission.Ticket first = admission.admit("http", 600);
        RequestAdmission.Ticket second = admission.admit("http", 400);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(admission.admit("grpc", 1)).as("the budget is full").isNull();
        assertThat(admission.overloaded().getMessage()).isEqualTo("the receiver holds 1000 bytes of requests, the most"
                + " vigil.ingest.receive.admission.max-bytes allows is 1000; send it again later");

        first.release();
        first.release();
        assertThat(admission.current()).as("released once, whatever the number of calls").isEqualTo(400);
        assertThat(admission.admit("grpc", 600)).isNotNull();
        assertThat(registry.get("vigil.ingest.admission.admitted").tag("transport", "http").counter().count()).isEqualTo(2);
        assertThat(registry.get("vigil.ingest.admission.refused").tag("transport", "grpc").tag("reason", "bytes")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("vigil.ingest.admission.bytes").gauge().value()).isEqualTo(1000);
    }

    @Test
    void aTicketGrowsAsABodyArrivesWhileTheBudgetHasRoomAndShrinksToAMessagesSize() {
        RequestAdmission.Ticket chunked = admission.admit("http", 0);
        RequestAdmission.Ticket grpc = admission.admit("grpc", 700);

        assertThat(chunked.resize(300)).isTrue();
        assertThat(chunked.resize(301)).as("over the budget").isFalse();
        assertThat(chunked.held()).isEqualTo(300);
        assertThat(grpc.resize(100)).isTrue();
        assertThat(chunked.resize(900)).isTrue();
        assertThat(admission.current()).isEqualTo(1000);

        chunked.release();
        grpc.release();
        assertThat(admission.current()).isZero();
        assertThat(chunked.resize(10)).as("a released ticket holds nothing again").isFalse();
        assertThat(admission.current()).isZero();
    }

    @Test
    void letsOneRequestInWhenNothingIsHeldEvenIfItIsLargerThanTheBudget() {
        assertThat(admission.admit("http", 5000)).isNotNull();
        assertThat(admission.admit("http", 1)).isNull();
    }

    @Test
    void refusesNewRequestsWhileTheLineForDecodeSlotsIsFullAndAdmitsThemOnceItMoves() {
        DecodeSlots.Slot decoding = admission.decodeSlot().getNow(null);
        var first = admission.decodeSlot();
        var second = admission.decodeSlot();

        assertThat(admission.admit("http", 1)).as("two wait in line, the most allowed").isNull();
        assertThat(admission.overloaded().getMessage()).isEqualTo("2 requests are waiting to be decoded, the most the"
                + " receiver lets wait (vigil.ingest.receive.admission.max-bytes / max-request-bytes) is 2; send it again"
                + " later");
        assertThat(registry.get("vigil.ingest.admission.refused").tag("transport", "http").tag("reason", "decode_line")
                .counter().count()).isEqualTo(1);

        decoding.release();
        assertThat(first).isDone();
        assertThat(admission.admit("http", 1)).as("one waits now").isNotNull();
        assertThat(second).isNotDone();
    }
}
