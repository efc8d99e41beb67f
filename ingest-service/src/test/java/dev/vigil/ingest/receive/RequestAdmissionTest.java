package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RequestAdmissionTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestAdmission admission = new RequestAdmission(1000, 1, 2, java.time.Duration.ZERO, 1000, new ReceiveMeters(registry));

    @Test
    void admitsWhatFitsTheBudgetAndRefusesTheRestUntilItIsReleased() {
        RequestAdmission.Ticket first = admission.admit("http", 600).join();
        RequestAdmission.Ticket second = admission.admit("http", 400).join();

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(admission.admit("grpc", 1).join()).as("the budget is full").isNull();
        assertThat(admission.overloaded().getMessage()).isEqualTo("the receiver holds 1000 bytes of requests, the most"
                + " vigil.ingest.receive.admission.max-bytes allows is 1000; send it again later");

        first.release();
        first.release();
        assertThat(admission.current()).as("released once, whatever the number of calls").isEqualTo(400);
        assertThat(admission.admit("grpc", 600).join()).isNotNull();
        assertThat(registry.get("vigil.ingest.admission.admitted").tag("transport", "http").counter().count()).isEqualTo(2);
        assertThat(registry.get("vigil.ingest.admission.refused").tag("transport", "grpc").tag("reason", "bytes")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("vigil.ingest.admission.bytes").gauge().value()).isEqualTo(1000);
    }

    @Test
    void aTicketGrowsAsABodyArrivesWhileTheBudgetHasRoomAndShrinksToAMessagesSize() {
        RequestAdmission.Ticket chunked = admission.admit("http", 0).join();
        RequestAdmission.Ticket grpc = admission.admit("grpc", 700).join();

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
        assertThat(admission.admit("http", 5000).join()).isNotNull();
        assertThat(admission.admit("http", 1).join()).isNull();
    }

    @Test
    void refusesNewRequestsWhileTheLineForDecodeSlotsIsFullAndAdmitsThemOnceItMoves() {
        DecodeSlots.Slot decoding = admission.decodeSlot().getNow(null);
        var first = admission.decodeSlot();
        var second = admission.decodeSlot();

        assertThat(admission.admit("http", 1).join()).as("two wait in line, the most allowed").isNull();
        assertThat(admission.overloaded().getMessage()).isEqualTo("2 requests are waiting to be decoded, the most the"
                + " receiver lets wait (vigil.ingest.receive.admission.max-bytes / max-request-bytes) is 2; send it again"
                + " later");
        assertThat(registry.get("vigil.ingest.admission.refused").tag("transport", "http").tag("reason", "decode_line")
                .counter().count()).isEqualTo(1);

        decoding.release();
        assertThat(first).isDone();
        assertThat(admission.admit("http", 1).join()).as("one waits now").isNotNull();
        assertThat(second).isNotDone();
    }

    @Test
    void letsWaitingRequestsInInTheOrderTheyCameAndNoNewcomerAheadOfThem() throws Exception {
        RequestAdmission waiting = new RequestAdmission(1000, 1, 8, java.time.Duration.ofSeconds(30),
                1000, new ReceiveMeters(registry));
        RequestAdmission.Ticket held = waiting.admit("http", 900).join();
        var first = waiting.admit("grpc", 500);
        var second = waiting.admit("http", 50);
        assertThat(first).as("500 bytes do not fit").isNotDone();
        assertThat(second).as("50 would fit, but the request before it waits").isNotDone();

        held.release();
        assertThat(first.getNow(null)).as("the oldest waiter is let in first").isNotNull();
        assertThat(second.getNow(null)).as("then the next, while there is room").isNotNull();
        assertThat(waiting.admit("http", 400).join()).as("a newcomer, once nobody waits and it fits").isNotNull();
        assertThat(registry.get("vigil.ingest.admission.admitted").tag("transport", "http").counter().count()).isEqualTo(3);
    }

    @Test
    void refusesARequestThatFoundNoRoomWithinTheWaitAndLetsTheNextOneIn() throws Exception {
        RequestAdmission waiting = new RequestAdmission(1000, 1, 8, java.time.Duration.ofMillis(200),
                1000, new ReceiveMeters(registry));
        RequestAdmission.Ticket held = waiting.admit("http", 600).join();
        var tooLate = waiting.admit("grpc", 600);
        assertThat(tooLate.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("refused after the wait").isNull();
        assertThat(registry.get("vigil.ingest.admission.refused").tag("transport", "grpc").tag("reason", "bytes")
                .counter().count()).isEqualTo(1);
        assertThat(waiting.waitingForRoom()).isZero();

        var gone = waiting.admit("http", 600);
        gone.cancel(false);
        assertThat(waiting.waitingForRoom()).as("a client that went away leaves the line").isZero();
        assertThat(waiting.admit("http", 400).join()).as("nobody waits, and it fits").isNotNull();
        held.release();
        assertThat(waiting.current()).isEqualTo(400);
    }

    @Test
    void keepsTheRoomOfOneRequestForCallsThatCannotWait() {
        RequestAdmission keeping = new RequestAdmission(1000, 1, 8, java.time.Duration.ofSeconds(30), 600,
                new ReceiveMeters(registry));
        RequestAdmission.Ticket http = keeping.admit("http", 600).join();
        var waiting = keeping.admit("http", 100);

        assertThat(waiting).as("HTTP fills the budget only up to 600 bytes").isNotDone();
        assertThat(keeping.admitNow("grpc", 400)).as("a gRPC call takes the kept room").isNotNull();
        assertThat(keeping.admitNow("grpc", 1)).as("and is refused at once when nothing is left").isNull();
        http.release();
        assertThat(waiting.getNow(null)).as("the HTTP request that waited, once there is room under 600").isNotNull();
    }
}
