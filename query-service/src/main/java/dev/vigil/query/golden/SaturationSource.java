package dev.vigil.query.golden;

import dev.vigil.query.golden.GoldenSignals.Saturation;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The saturation signal: CPU and memory utilisation of a service's pods, from the resource metrics where they
 * exist. Contract: a bucket or service without such metrics is absent from the answer.
 */
@Singleton
final class SaturationSource {

    /** Per bucket start (Unix seconds). */
    CompletionStage<Map<Long, Saturation>> series(String service, long fromSeconds, long toSeconds, long step) {
        return CompletableFuture.completedFuture(Map.of());
    }

    /** Per service, over the whole range. */
    CompletionStage<Map<String, Saturation>> summary(long fromSeconds, long toSeconds) {
        return CompletableFuture.completedFuture(Map.of());
    }
}
