package dev.vigil.health.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Probes one service's readiness endpoint. The returned {@link Uni} never fails: whatever goes wrong
 * becomes the probe's result, because a failing service is exactly what a probe is there to report.
 */
@Singleton
final class ReadinessProber {

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final String path;

    ReadinessProber(PlatformConfig config, ObjectMapper json) {
        this.json = json;
        this.timeout = config.probeTimeout();
        this.path = config.readinessPath();
        // HTTP/1.1: an h2c upgrade attempt buys nothing for one small GET and not every server answers it.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Uni<ProbeResult> probe(URI baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(readinessUri(baseUrl))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return Uni.createFrom().deferred(() -> {
                    long start = System.nanoTime();
                    return Uni.createFrom()
                            .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                            .map(response -> ReadinessResponse.read(response.statusCode(), response.body(),
                                    Duration.ofNanos(System.nanoTime() - start), Instant.now(), json));
                })
                // sendAsync may resolve the host name on the calling thread; keep that off the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                // The request timeout covers the response headers only; this bounds the body as well.
                .ifNoItem().after(timeout.multipliedBy(2)).failWith(TimeoutException::new)
                .onFailure().recoverWithItem(failure -> new ProbeResult(ServiceStatus.UNREACHABLE, List.of(), null,
                        Instant.now(), describe(failure)));
    }

    private URI readinessUri(URI baseUrl) {
        // Not URI.resolve: an absolute path would drop a base path such as a reverse proxy's prefix.
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    private String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case HttpConnectTimeoutException _ -> "no connection within " + timeout.toMillis() + " ms";
            case HttpTimeoutException _, TimeoutException _ -> "no answer within " + timeout.toMillis() + " ms";
            case ConnectException _ -> "connection refused";
            default -> cause.getMessage() == null
                    ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        };
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
