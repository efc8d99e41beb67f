package dev.vigil.ingest.receive;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * The receive stage's metrics on {@code /q/metrics}, per signal: items accepted, items rejected by
 * reason, requests refused by status, and request sizes. Counted here, never logged per request.
 */
@Singleton
final class ReceiveMeters {
    /** Why items of a well-formed or malformed request were not stored. */
    enum Reason {
        INVALID("invalid"), TOO_LARGE("too_large"), OVERLOADED("overloaded"), KAFKA_UNAVAILABLE("kafka_unavailable");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    /** Why a request was refused before it was decoded. */
    enum Refusal {
        BYTES("bytes"), DECODE_LINE("decode_line"), BODY_TIMEOUT("body_timeout");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    /** Why a request's ingest token was refused. */
    enum TokenRefusal {
        MISSING("missing"), UNKNOWN("unknown"), SIGNAL("signal_not_allowed"), PIPELINE("pipeline_not_allowed"),
        LOOKUP_FAILED("lookup_failed");

        final String tag;

        TokenRefusal(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    ReceiveMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(Signal signal, long items) {
        if (items > 0) {
            Counter.builder("vigil.ingest.items.accepted").tag("signal", signal.id())
                    .description("Spans, data points or log records Kafka acknowledged").register(registry)
                    .increment(items);
        }
    }

    /** How long Kafka took to acknowledge a request's records, or to fail them. */
    void published(Signal signal, long nanos, boolean acknowledged) {
        Timer.builder("vigil.ingest.publish.duration").tag("signal", signal.id())
                .tag("outcome", acknowledged ? "acknowledged" : "failed")
                .description("From handing a request's records to the Kafka producer until all were acknowledged")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejected(Signal signal, Reason reason, long items) {
        if (items > 0) {
            Counter.builder("vigil.ingest.items.rejected").tag("signal", signal.id()).tag("reason", reason.tag)
                    .description("Spans, data points or log records of received requests that were not accepted")
                    .register(registry).increment(items);
        }
    }

    /** {@code status} is the HTTP status or the gRPC code name, as the transport answered. */
    void refused(Signal signal, String transport, String status) {
        Counter.builder("vigil.ingest.requests.refused").tag("signal", signal.id()).tag("transport", transport)
                .tag("status", status).description("Export requests answered with an error").register(registry)
                .increment();
    }

    void tokenRefused(Signal signal, String transport, TokenRefusal refusal) {
        Counter.builder("vigil.ingest.token.refused").tag("signal", signal.id()).tag("transport", transport)
                .tag("reason", refusal.tag)
                .description("Export requests refused for their ingest token, before admission and before their body"
                        + " was read: none, unknown (or revoked or expired), not allowed the signal or any of its"
                        + " pipelines, or not verifiable because the access tables did not answer")
                .register(registry).increment();
    }

    void requestBytes(Signal signal, String transport, long bytes) {
        DistributionSummary.builder("vigil.ingest.request.bytes").tag("signal", signal.id()).tag("transport", transport)
                .baseUnit("bytes").description("Export request bodies as received").register(registry).record(bytes);
    }

    void inFlight(InFlightBytes inFlight) {
        Gauge.builder("vigil.ingest.inflight.bytes", inFlight, InFlightBytes::current).baseUnit("bytes")
                .description("Bytes of records waiting for Kafka's acknowledgement").register(registry);
    }

    void admitted(String transport) {
        Counter.builder("vigil.ingest.admission.admitted").tag("transport", transport)
                .description("Export requests let in by the admission budget, before their body was read")
                .register(registry).increment();
    }

    void admissionRefused(String transport, Refusal refusal) {
        Counter.builder("vigil.ingest.admission.refused").tag("transport", transport).tag("reason", refusal.tag)
                .description("Export requests refused before they were decoded: the request byte budget or the line"
                        + " for decode slots was full, or the body did not arrive in time")
                .register(registry).increment();
    }

    void admissionBytes(InFlightBytes bytes) {
        Gauge.builder("vigil.ingest.admission.bytes", bytes, InFlightBytes::current).baseUnit("bytes")
                .description("Bytes of export requests held, from admission until they are answered").register(registry);
    }

    void admissionWaiting(RequestAdmission admission) {
        Gauge.builder("vigil.ingest.admission.waiting", admission, RequestAdmission::waitingForRoom)
                .description("Export requests waiting, their body unread, for room in the admission budget").register(registry);
    }

    void decodes(DecodeSlots slots) {
        Gauge.builder("vigil.ingest.admission.decodes", slots, DecodeSlots::used)
                .description("Export requests being decoded now; at most max-concurrent-decodes").register(registry);
        Gauge.builder("vigil.ingest.admission.decodes.waiting", slots, DecodeSlots::waiting)
                .description("Admitted export requests whose body is in, waiting in line for a decode slot")
                .register(registry);
    }

    /** How long an admitted request, its body in, waited in line for a decode slot. */
    void decodeWait(String transport, long nanos) {
        Timer.builder("vigil.ingest.decode.wait").tag("transport", transport)
                .description("From an export's body being in until a decode slot was free").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** How long a request held its decode slot: decompressing, parsing, checking, routing, cutting into records. */
    void decoded(Encoding encoding, long nanos) {
        Timer.builder("vigil.ingest.decode.duration").tag("encoding", encoding.name().toLowerCase(java.util.Locale.ROOT))
                .description("How long an export held a decode slot: decompress, parse, check, route, cut into records")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Decoding ran out of heap or stack: the request was answered retryably, not refused as malformed. */
    void decodeExhausted(Signal signal, Throwable error) {
        Counter.builder("vigil.ingest.decode.exhausted").tag("signal", signal.id())
                .tag("error", error.getClass().getSimpleName())
                .description("Decodes that ran out of memory or stack, answered with a retryable refusal")
                .register(registry).increment();
    }
}
