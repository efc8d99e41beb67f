package dev.vigil.ingest.receive;

import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

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

    void requestBytes(Signal signal, String transport, long bytes) {
        DistributionSummary.builder("vigil.ingest.request.bytes").tag("signal", signal.id()).tag("transport", transport)
                .baseUnit("bytes").description("Export request bodies as received").register(registry).record(bytes);
    }

    void inFlight(InFlightBytes inFlight) {
        Gauge.builder("vigil.ingest.inflight.bytes", inFlight, InFlightBytes::current).baseUnit("bytes")
                .description("Bytes of records waiting for Kafka's acknowledgement").register(registry);
    }
}
