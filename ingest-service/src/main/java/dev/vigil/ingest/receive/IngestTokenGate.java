package dev.vigil.ingest.receive;

import dev.vigil.access.verify.IngestGrant;
import dev.vigil.access.verify.IngestTokenLookup;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.pipeline.PipelineRouter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides, from its {@code Authorization} value alone, whether an export may come in: before admission and before a
 * byte of its body is read, on both transports. Completes with the pipelines the export may take, or fails with
 * what {@link ExportStatus} answers: {@link UnauthenticatedException} for no token or an unknown, revoked or expired
 * one; {@link PermissionDeniedException} for a token that does not allow the signal, or is limited to pipelines none
 * of which is the signal's; {@link TokenLookupException} when the token could not be verified, PostgreSQL failing or
 * not answering within {@code token-lookup-timeout}. Never blocks: a token not in the cache is answered when
 * PostgreSQL answers, on its thread. With {@code require-token} off, every export may take every pipeline.
 */
@Singleton
final class IngestTokenGate {
    static final String CHALLENGE = "Bearer realm=\"vigil-ingest\"";
    private static final String BEARER = "Bearer ";
    private static final Predicate<String> EVERY_PIPELINE = pipeline -> true;

    private final Function<String, CompletableFuture<Optional<IngestGrant>>> lookup;
    private final Duration lookupTimeout;
    private final Function<Signal, List<String>> pipelines;
    private final boolean required;
    private final ReceiveMeters meters;

    @Inject
    IngestTokenGate(IngestTokenLookup lookup, PipelineRouter router, ReceiveConfig config, ReceiveMeters meters) {
        this(token -> lookup.grant(token).subscribeAsCompletionStage(), config.tokenLookupTimeout(), router::names,
                config.requireToken(), meters);
    }

    IngestTokenGate(Function<String, CompletableFuture<Optional<IngestGrant>>> lookup, Duration lookupTimeout,
            Function<Signal, List<String>> pipelines, boolean required, ReceiveMeters meters) {
        this.lookup = lookup;
        this.lookupTimeout = lookupTimeout;
        this.pipelines = pipelines;
        this.required = required;
        this.meters = meters;
    }

    /** The pipelines an export of {@code signal} with this {@code Authorization} value (or null) may take. */
    CompletableFuture<Predicate<String>> pass(Signal signal, String transport, String authorization) {
        if (!required) {
            return CompletableFuture.completedFuture(EVERY_PIPELINE);
        }
        if (authorization == null || authorization.isBlank()) {
            return refused(signal, transport, ReceiveMeters.TokenRefusal.MISSING, new UnauthenticatedException(
                    "an ingest token is required: send Authorization: Bearer vgi_…"));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refused(signal, transport, ReceiveMeters.TokenRefusal.UNKNOWN, new UnauthenticatedException(
                    "the Authorization header must be Bearer <ingest token>"));
        }
        String token = authorization.substring(BEARER.length()).strip();
        CompletableFuture<Optional<IngestGrant>> found;
        try {
            found = lookup.apply(token).orTimeout(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            found = CompletableFuture.failedFuture(e);
        }
        return found.handle((grant, failure) -> {
            if (failure != null) {
                meters.tokenRefused(signal, transport, ReceiveMeters.TokenRefusal.LOOKUP_FAILED);
                throw new TokenLookupException(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
            if (grant.isEmpty()) {
                meters.tokenRefused(signal, transport, ReceiveMeters.TokenRefusal.UNKNOWN);
                throw new UnauthenticatedException("the ingest token is not valid: unknown, revoked or expired");
            }
            try {
                return decide(grant.get(), signal, pipelines.apply(signal));
            } catch (PermissionDeniedException e) {
                meters.tokenRefused(signal, transport, grant.get().allowsSignal(signal.id())
                        ? ReceiveMeters.TokenRefusal.PIPELINE : ReceiveMeters.TokenRefusal.SIGNAL);
                throw e;
            }
        });
    }

    /**
     * What a valid token's grant lets an export of {@code signal} do, given the signal's pipelines in force: the
     * pipelines it may take, or a {@link PermissionDeniedException}. A grant limited to pipelines, none of which is
     * the signal's (an opted-out signal has none), is refused rather than accepted and dropped: the sender must hear
     * that its data goes nowhere.
     */
    static Predicate<String> decide(IngestGrant grant, Signal signal, List<String> signalPipelines) {
        if (!grant.allowsSignal(signal.id())) {
            throw new PermissionDeniedException("the ingest token '" + grant.name() + "' does not allow " + signal.id()
                    + "; it allows " + String.join(", ", grant.signals().stream().sorted().toList()));
        }
        if (grant.pipelines().isEmpty()) {
            return EVERY_PIPELINE;
        }
        List<String> allowed = grant.pipelinesOf(signalPipelines);
        if (allowed.isEmpty()) {
            throw new PermissionDeniedException("the ingest token '" + grant.name() + "' allows none of the "
                    + signal.id() + " pipelines " + signalPipelines);
        }
        return Set.copyOf(allowed)::contains;
    }

    private CompletableFuture<Predicate<String>> refused(Signal signal, String transport,
            ReceiveMeters.TokenRefusal reason, RuntimeException e) {
        meters.tokenRefused(signal, transport, reason);
        return CompletableFuture.failedFuture(e);
    }
}
