package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.verify.IngestGrant;
import dev.vigil.contracts.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class IngestTokenGateTest {

    private static final String TOKEN = "vgi_abcdefghijkl_0123456789012345678901234567890123456789012";
    private static final IngestGrant EVERYTHING = IngestGrant.everything("all");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReceiveMeters meters = new ReceiveMeters(registry);

    private IngestTokenGate gate(Map<String, IngestGrant> tokens) {
        return new IngestTokenGate(token -> CompletableFuture.completedFuture(Optional.ofNullable(tokens.get(token))),
                Duration.ofSeconds(5), signal -> List.of("default", "audit"), true, meters);
    }

    /** What the gate refused with, unwrapped as the transports' answer does. */
    private static Throwable refusal(CompletableFuture<Predicate<String>> passed) {
        Throwable failure = passed.handle((ok, e) -> e).join();
        assertThat(failure).as("refused").isNotNull();
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private double refused(String reason) {
        var counter = registry.find("vigil.ingest.token.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void noTokenIsUnauthenticatedAndCountedAsMissing() {
        assertThat(ExportStatus.of(refusal(gate(Map.of()).pass(Signal.TRACES, "http", null))).httpStatus())
                .isEqualTo(401);
        assertThat(ExportStatus.of(refusal(gate(Map.of()).pass(Signal.TRACES, "http", " "))).grpcCode())
                .isEqualTo(ExportStatus.GRPC_UNAUTHENTICATED);
        assertThat(refused("missing")).isEqualTo(2);
    }

    @Test
    void anUnknownTokenOrAnotherSchemeIsUnauthenticated() {
        IngestTokenGate gate = gate(Map.of(TOKEN, EVERYTHING));

        assertThat(refusal(gate.pass(Signal.TRACES, "grpc", "Bearer vgi_other")))
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(refusal(gate.pass(Signal.TRACES, "grpc", "Basic " + TOKEN)))
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(refused("unknown")).isEqualTo(2);
    }

    @Test
    void aKnownTokenPassesWhateverTheSchemesCase() {
        IngestTokenGate gate = gate(Map.of(TOKEN, EVERYTHING));

        assertThat(gate.pass(Signal.LOGS, "http", "bearer " + TOKEN).join().test("audit")).isTrue();
    }

    @Test
    void aLookupThatFailsIsRetryablyUnavailableNotUnauthenticated() {
        IngestTokenGate gate = new IngestTokenGate(
                token -> CompletableFuture.failedFuture(new IllegalStateException("connection refused")),
                Duration.ofSeconds(5), signal -> List.of("default"), true, meters);

        Throwable failure = refusal(gate.pass(Signal.METRICS, "http", "Bearer " + TOKEN));

        assertThat(failure).isInstanceOf(TokenLookupException.class).hasMessageContaining("connection refused");
        ExportStatus status = ExportStatus.of(failure);
        assertThat(status.httpStatus()).isEqualTo(503);
        assertThat(status.grpcCode()).isEqualTo(ExportStatus.GRPC_UNAVAILABLE);
        assertThat(status.retryable()).isTrue();
        assertThat(refused("lookup_failed")).isEqualTo(1);
    }

    @Test
    void aLookupThatDoesNotAnswerInTimeIsRetryablyUnavailable() {
        IngestTokenGate gate = new IngestTokenGate(token -> new CompletableFuture<>(), Duration.ofMillis(200),
                signal -> List.of("default"), true, meters);

        Throwable failure = refusal(gate.pass(Signal.LOGS, "grpc", "Bearer " + TOKEN));

        assertThat(failure).isInstanceOf(TokenLookupException.class).hasMessageContaining("token-lookup-timeout");
        assertThat(ExportStatus.of(failure).grpcCode()).isEqualTo(ExportStatus.GRPC_UNAVAILABLE);
    }

    @Test
    void aTokenNotAllowedTheSignalIsDenied() {
        IngestGrant metricsOnly = new IngestGrant("metrics", Set.of("metrics"), Optional.empty());

        assertThatThrownBy(() -> IngestTokenGate.decide(metricsOnly, Signal.TRACES, List.of("default")))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("does not allow traces");
        assertThat(IngestTokenGate.decide(metricsOnly, Signal.METRICS, List.of("default")).test("default")).isTrue();
        Throwable failure = refusal(gate(Map.of(TOKEN, metricsOnly)).pass(Signal.LOGS, "grpc", "Bearer " + TOKEN));
        assertThat(ExportStatus.of(failure).httpStatus()).isEqualTo(403);
        assertThat(ExportStatus.of(failure).grpcCode()).isEqualTo(ExportStatus.GRPC_PERMISSION_DENIED);
        assertThat(refused("signal_not_allowed")).isEqualTo(1);
    }

    @Test
    void aTokenLimitedToPipelinesTakesOnlyThoseOfTheSignals() {
        IngestGrant audit = new IngestGrant("audit", Set.of("logs"), Optional.of(Set.of("audit", "elsewhere")));

        Predicate<String> pipelines = IngestTokenGate.decide(audit, Signal.LOGS, List.of("default", "audit"));

        assertThat(pipelines.test("audit")).isTrue();
        assertThat(pipelines.test("default")).isFalse();
        assertThat(pipelines.test("elsewhere")).as("not a pipeline of the signal").isFalse();
    }

    @Test
    void aTokenLimitedToPipelinesNoneOfWhichIsTheSignalsIsDenied() {
        IngestGrant other = new IngestGrant("other", Set.of("logs"), Optional.of(Set.of("elsewhere")));

        assertThatThrownBy(() -> IngestTokenGate.decide(other, Signal.LOGS, List.of("default", "audit")))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("none of the logs pipelines");
        assertThatThrownBy(() -> IngestTokenGate.decide(other, Signal.LOGS, List.of()))
                .as("an opted-out signal has no pipeline").isInstanceOf(PermissionDeniedException.class);
        refusal(gate(Map.of(TOKEN, other)).pass(Signal.LOGS, "http", "Bearer " + TOKEN));
        assertThat(refused("pipeline_not_allowed")).isEqualTo(1);
    }

    @Test
    void withoutRequiredTokensEveryExportTakesEveryPipeline() {
        IngestTokenGate gate = new IngestTokenGate(token -> {
            throw new AssertionError("nothing is looked up");
        }, Duration.ofSeconds(5), signal -> List.of("default"), false, meters);

        assertThat(gate.pass(Signal.TRACES, "http", null).join().test("default")).isTrue();
    }
}
