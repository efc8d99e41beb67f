package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;

/**
 * OTLP/HTTP: {@code POST /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, with a protobuf or
 * OTLP/JSON body, plain or gzip. Answers 200 with the signal's {@code Export*ServiceResponse} once
 * Kafka holds the data; a refusal carries a {@code google.rpc.Status} body, and {@code Retry-After}
 * when sending again may succeed. Both are written in the request's encoding.
 *
 * <p>The body is read here rather than by a REST layer so that the size limit holds while it
 * arrives — a body is refused at the first byte over the limit, not after it was buffered — and
 * applies again to the decompressed body. The routes run ahead of Quarkus' own body-size check so
 * that its refusal, too, is an OTLP answer.
 */
@Singleton
final class OtlpHttpRoutes {
    static final String TRANSPORT = "http";

    private final ExportHandler handler;
    private final ReceiveConfig config;
    private final ReceiveMeters meters;

    OtlpHttpRoutes(ExportHandler handler, ReceiveConfig config, ReceiveMeters meters) {
        this.handler = handler;
        this.config = config;
        this.meters = meters;
    }

    /** With the receive stage off the paths are not routed at all, and answer 404. */
    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        for (OtlpSignal<?> signal : OtlpSignal.ALL) {
            router.post("/v1/" + signal.signal().id()).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                    .handler(context -> receive(signal, context));
        }
    }

    private void receive(OtlpSignal<?> signal, RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<Encoding> encoding = Encoding.ofContentType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (encoding.isEmpty()) {
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            refuseBeforeBody(signal, context, Encoding.PROTOBUF, new UnsupportedContentTypeException("Content-Type "
                    + (type == null ? "(none)" : "'" + type + "'") + " is not supported; send "
                    + Encoding.PROTOBUF.mediaType() + " or " + Encoding.JSON.mediaType()));
            return;
        }
        String contentEncoding = Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_ENCODING))
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse("identity");
        boolean gzip = contentEncoding.equals("gzip");
        if (!gzip && !contentEncoding.equals("identity")) {
            refuseBeforeBody(signal, context, encoding.get(), new UnsupportedContentTypeException(
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or identity"));
            return;
        }
        int max = config.maxRequestBytes();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parses(length) && Long.parseLong(length.strip()) > max) {
            refuseBeforeBody(signal, context, encoding.get(), tooLarge(max));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                refused[0] = true;
                refuseBeforeBody(signal, context, encoding.get(), tooLarge(max));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> refused[0] = true);
        request.endHandler(ended -> {
            if (!refused[0]) {
                export(signal, context, encoding.get(), gzip, body.getBytes());
            }
        });
        request.resume();
    }

    private static boolean parses(String length) {
        String s = length.strip();
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
    }

    private static RequestTooLargeException tooLarge(int max) {
        return new RequestTooLargeException("the body is larger than " + max
                + " bytes, the most vigil.ingest.receive.max-request-bytes allows");
    }

    private void export(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, boolean gzip, byte[] body) {
        meters.requestBytes(signal.signal(), TRANSPORT, body.length);
        // Kafka completes the export on its own I/O thread; the answer is written back on this request's context.
        Context requestContext = Vertx.currentContext();
        int max = config.maxRequestBytes();
        handler.export(signal, encoding, () -> gzip ? GzipBody.inflate(body, max) : body).whenComplete((response, failure) ->
                requestContext.runOnContext(ignored -> {
                    if (failure == null) {
                        answer(context, 200, encoding, response);
                    } else {
                        refuse(signal, context, encoding, failure);
                    }
                }));
    }

    /**
     * A refusal while the body is still arriving: an HTTP/1.1 connection is closed after the answer, so
     * the rest of the body is neither read nor kept (HTTP/2 ends just the stream, and forbids the header).
     */
    private void refuseBeforeBody(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, RuntimeException e) {
        if (context.request().version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        refuse(signal, context, encoding, e);
    }

    private void refuse(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, Throwable failure) {
        ExportStatus status = ExportStatus.of(failure);
        meters.refused(signal.signal(), TRANSPORT, Integer.toString(status.httpStatus()));
        if (status.retryable()) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(config.retryAfter().toSeconds()));
        }
        answer(context, status.httpStatus(), encoding, RpcStatus.of(status, config.retryAfter()));
    }

    private static void answer(RoutingContext context, int status, Encoding encoding, Message message) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] body = encoding == Encoding.JSON ? OtlpJson.write(message) : message.toByteArray();
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, encoding.mediaType())
                .end(Buffer.buffer(body));
    }
}
