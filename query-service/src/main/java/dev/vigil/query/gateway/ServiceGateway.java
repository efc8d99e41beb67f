package dev.vigil.query.gateway;

import dev.vigil.http.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Streams requests for alert- and health-service's paths to them and their answers back, body, status and headers
 * (credentials, {@code Set-Cookie}) unchanged, without buffering (server-sent events flow through as they come). When the service cannot be reached
 * the caller gets a 503 with {@code Retry-After} naming the service in the shared error body, never a hang.
 */
@Singleton
final class ServiceGateway {

    private static final Logger LOG = Logger.getLogger(ServiceGateway.class);
    /** Before RESTEasy's routes, which would answer these paths with 404. */
    private static final int ROUTE_ORDER = -10;
    /** Connection-scoped headers (RFC 9110 §7.6.1): they describe one hop, so they are not passed on. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final GatewayConfig config;

    ServiceGateway(GatewayConfig config) {
        this.config = config;
    }

    void install(@Observes Router router, Vertx vertx) {
        config.alertUrl().map(Upstream::alert).ifPresent(u -> route(router, vertx, u));
        config.healthUrl().map(Upstream::health).ifPresent(u -> route(router, vertx, u));
    }

    private void route(Router router, Vertx vertx, Upstream upstream) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSsl(upstream.tls())
                .setDecompressionSupported(false));
        router.routeWithRegex(upstream.pathPattern()).order(ROUTE_ORDER).handler(ctx -> pass(ctx, client, upstream));
        LOG.infof("Passing /api/v1/{%s} on to %s at %s", String.join(",", upstream.resources()), upstream.name(),
                upstream.address());
    }

    private void pass(RoutingContext ctx, HttpClient client, Upstream upstream) {
        HttpServerRequest in = ctx.request();
        in.pause();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.address().getHost())
                .setPort(upstream.port())
                .setURI(in.uri())
                .setIdleTimeout(config.answerTimeout().toMillis());
        in.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        String host = in.getHeader(HttpHeaders.HOST);
        if (host != null) {
            options.putHeader("X-Forwarded-Host", host);
        }
        // The caller's Authorization and Cookie headers pass on unchanged (the service checks them itself); the login
        // marks its session cookie Secure when the caller came over TLS, which only this hop knows.
        if (in.isSSL()) {
            options.putHeader("X-Forwarded-Proto", "https");
        }
        client.request(options)
                .compose(out -> {
                    in.resume();
                    return out.send(in);
                })
                .onSuccess(answer -> relay(answer, ctx.response()))
                .onFailure(failure -> unavailable(ctx, upstream, failure));
    }

    private static void relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        if (answer.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        } else {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, answer.getHeader(HttpHeaders.CONTENT_LENGTH));
        }
        // Server-sent events must reach the browser event by event, not when a compression buffer fills.
        if (String.valueOf(answer.getHeader(HttpHeaders.CONTENT_TYPE)).startsWith("text/event-stream")) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        }
        // When the caller goes away (a page closing its event stream), the service's answer is cut as well, so a
        // stream does not go on for nobody; when the service's answer breaks off, so does the caller's.
        response.closeHandler(closed -> answer.request().reset());
        answer.pipe().endOnFailure(false).to(response).onFailure(broken -> {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
        });
    }

    private static void unavailable(RoutingContext ctx, Upstream upstream, Throwable failure) {
        LOG.warnf("%s %s: %s cannot be reached: %s", ctx.request().method(), ctx.request().path(), upstream.name(),
                failure.getMessage());
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("Retry-After", "5")
                .end(new JsonObject()
                        .put("error", ErrorCode.UNAVAILABLE)
                        .put("message", upstream.name() + " cannot be reached; retry later")
                        .encode());
    }
}
