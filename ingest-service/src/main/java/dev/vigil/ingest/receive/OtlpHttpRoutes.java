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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * OTLP/HTTP: {@code POST /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, with a protobuf or
 * OTLP/JSON body, plain or gzip; and Prometheus remote write 1.0 at {@code POST /api/v1/write} (snappy protobuf
 * {@code WriteRequest}, made a metrics export by {@link BodyCoding#REMOTE_WRITE}). Answers 200 with the signal's
 * {@code Export*ServiceResponse} once
 * Kafka holds the data; a refusal carries a {@code google.rpc.Status} body, and {@code Retry-After}
 * when sending again may succeed. Both are written in the request's encoding.
 *
 * <p>The body is read here rather than by a REST layer so that the size limit holds while it
 * arrives — a body is refused at the first byte over the limit, not after it was buffered — and
 * applies again to the decompressed body. The routes run ahead of Quarkus' own body-size check so
 * that its refusal, too, is an OTLP answer.
 *
 * <p>First the request's ingest token is checked ({@link IngestTokenGate}): a refused one is answered before
 * admission, its body unread and its connection closed.
 *
 * <p>Before a byte of the body is read, the request is admitted against the budget of request bytes
 * ({@link RequestAdmission}): by its {@code Content-Length}, or chunk by chunk as it arrives when it has
 * none. One that does not fit waits, paused and its body unread, behind those that came before it, for
 * at most {@code admission.wait}, and is refused only then. Its ticket goes back when the export is answered, when the body is refused, or when the client
 * goes away before the body is in — never while a decode still holds the body. A body that brings
 * fewer than {@code admission.min-body-rate} bytes a second over an {@code admission.body-timeout} is
 * cut off with 408.
 */
@Singleton
final class OtlpHttpRoutes {
    static final String TRANSPORT = "http";
    /** Prometheus remote write's path, as Prometheus-compatible receivers serve it. */
    static final String REMOTE_WRITE_PATH = "/api/v1/write";

    private final ExportHandler handler;
    private final RequestAdmission admission;
    private final IngestTokenGate gate;
    private final ReceiveConfig config;
    private final ReceiveMeters meters;

    OtlpHttpRoutes(ExportHandler handler, RequestAdmission admission, IngestTokenGate gate, ReceiveConfig config,
            ReceiveMeters meters) {
        this.handler = handler;
        this.admission = admission;
        this.gate = gate;
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
                    .handler(context -> receive(signal, context, false));
        }
        // Prometheus remote write 1.0: samples become an OTLP metrics export and take the same way to Kafka.
        router.post(REMOTE_WRITE_PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> receive(MetricsSignal.INSTANCE, context, true));
    }

    /**
     * The ingest token first, before anything else about the request is looked at: a sender without a valid one
     * learns nothing else, and its body is never read. A token not in the cache is verified while the request
     * waits, paused; a client that went away meanwhile is not answered.
     */
    private void receive(OtlpSignal<?> signal, RoutingContext context, boolean remoteWrite) {
        CompletableFuture<Predicate<String>> passed = gate.pass(signal.signal(), TRANSPORT,
                context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (passed.isDone()) {
            passed(signal, context, remoteWrite, passed);
            return;
        }
        Context requestContext = Vertx.currentContext();
        passed.whenComplete((pipelines, failure) -> requestContext.runOnContext(ignored -> {
            if (!context.response().closed() && !context.response().ended()) {
                passed(signal, context, remoteWrite, passed);
            }
        }));
    }

    private void passed(OtlpSignal<?> signal, RoutingContext context, boolean remoteWrite,
            CompletableFuture<Predicate<String>> passed) {
        Predicate<String> pipelines;
        try {
            pipelines = passed.join();
        } catch (CompletionException | CancellationException e) {
            refuseToken(signal, context, remoteWrite, e);
            return;
        }
        receive(signal, context, remoteWrite, pipelines);
    }

    /**
     * A refused token: 401 with the {@value IngestTokenGate#CHALLENGE} challenge, 403, or 503 when it could not be
     * verified; before the body, whose connection is closed. Remote write's answer is plain text, as Prometheus
     * logs it; OTLP's a {@code Status} in the request's encoding.
     */
    private void refuseToken(OtlpSignal<?> signal, RoutingContext context, boolean remoteWrite, Throwable failure) {
        ExportStatus status = ExportStatus.of(failure);
        HttpServerResponse response = context.response();
        if (status.httpStatus() == 401) {
            response.putHeader("WWW-Authenticate", IngestTokenGate.CHALLENGE);
        }
        if (!remoteWrite) {
            Encoding encoding = Encoding.ofContentType(context.request().getHeader(HttpHeaders.CONTENT_TYPE))
                    .orElse(Encoding.PROTOBUF);
            refuseBeforeBody(signal, context, encoding, failure);
            return;
        }
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        meters.refused(signal.signal(), TRANSPORT, Integer.toString(status.httpStatus()));
        if (status.retryable()) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(config.retryAfter().toSeconds()));
        }
        response.setStatusCode(status.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(status.message() + "\n");
    }

    private void receive(OtlpSignal<?> signal, RoutingContext context, boolean remoteWrite,
            Predicate<String> pipelines) {
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
        BodyCoding coding;
        if (remoteWrite) {
            if (!contentEncoding.equals("snappy") || encoding.get() != Encoding.PROTOBUF) {
                refuseBeforeBody(signal, context, Encoding.PROTOBUF, new UnsupportedContentTypeException(
                        "remote write takes Content-Type " + Encoding.PROTOBUF.mediaType() + " with Content-Encoding snappy"));
                return;
            }
            coding = BodyCoding.REMOTE_WRITE;
        } else if (contentEncoding.equals("gzip") || contentEncoding.equals("identity")) {
            coding = contentEncoding.equals("gzip") ? BodyCoding.GZIP : BodyCoding.IDENTITY;
        } else {
            refuseBeforeBody(signal, context, encoding.get(), new UnsupportedContentTypeException(
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or identity"));
            return;
        }
        int max = config.maxRequestBytes();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = length != null && parses(length) ? Long.parseLong(length.strip()) : -1;
        if (declared > max) {
            refuseBeforeBody(signal, context, encoding.get(), tooLarge(max));
            return;
        }
        CompletableFuture<RequestAdmission.Ticket> admitted = admission.admit(TRANSPORT, Math.max(0, declared));
        if (admitted.isDone()) {
            admitted(signal, context, encoding.get(), coding, pipelines, declared, admitted.join());
            return;
        }
        // Waiting for room, the body unread (the request stays paused); a client that goes away leaves the line.
        Context requestContext = Vertx.currentContext();
        context.addEndHandler(ended -> admitted.cancel(false));
        admitted.whenComplete((ticket, failure) -> requestContext.runOnContext(ignored -> {
            if (failure != null) {
                return; // cancelled: the connection is gone
            }
            if (ticket != null && (context.response().closed() || context.response().ended())) {
                ticket.release();
                return;
            }
            admitted(signal, context, encoding.get(), coding, pipelines, declared, ticket);
        }));
    }

    /** The request let in with {@code ticket}, or refused when it is null: its body is read now. */
    private void admitted(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, BodyCoding coding,
            Predicate<String> pipelines, long declared, RequestAdmission.Ticket ticket) {
        HttpServerRequest request = context.request();
        int max = config.maxRequestBytes();
        if (ticket == null) {
            refuseAndDiscardBody(signal, context, encoding, admission.overloaded());
            return;
        }
        Body body = new Body(declared > 0 ? (int) declared : 1024);
        // The client went away (or the connection broke) before the body was in: nothing will answer.
        context.addEndHandler(ended -> {
            if (!body.handedOver) {
                ticket.release();
            }
        });
        long period = config.admission().bodyTimeout().toMillis();
        BooleanSupplier bodyDone = () -> body.ended || body.refused;
        long deadline = watchBodyRate(context, bodyDone, () -> body.bytes.length(), received -> {
            body.refused = true;
            meters.admissionRefused(TRANSPORT, ReceiveMeters.Refusal.BODY_TIMEOUT);
            ticket.release();
            // Vert.x closes a "Connection: close" exchange only once the request has been read, which a client that
            // trickles would put off for as long as it likes: the connection is closed as soon as the answer is out.
            context.response().endHandler(written -> cutOff(context));
            refuseBeforeBody(signal, context, encoding, new BodyTimeoutException("the body arrived slower than "
                    + config.admission().minBodyRate() + " bytes/s over " + period + " ms"
                    + " (vigil.ingest.receive.admission.min-body-rate, body-timeout); " + received + " bytes came"));
        });
        request.handler(chunk -> {
            if (body.refused) {
                return;
            }
            int total = body.bytes.length() + chunk.length();
            if (total > max) {
                body.refused = true;
                context.vertx().cancelTimer(deadline);
                ticket.release();
                refuseBeforeBody(signal, context, encoding, tooLarge(max));
                return;
            }
            if (total > ticket.held() && !ticket.resize(total)) {
                body.refused = true;
                context.vertx().cancelTimer(deadline);
                ticket.release();
                refuseBeforeBody(signal, context, encoding, admission.overloaded());
                return;
            }
            body.bytes.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            body.refused = true;
            context.vertx().cancelTimer(deadline);
            ticket.release();
        });
        request.endHandler(ended -> {
            body.ended = true;
            context.vertx().cancelTimer(deadline);
            if (!body.refused) {
                body.handedOver = true;
                byte[] bytes = body.bytes.getBytes();
                body.bytes = null;
                export(signal, context, encoding, coding, pipelines, bytes, ticket);
            }
        });
        request.resume();
    }

    /** One request's body as it arrives; touched only on the request's event loop. */
    private static final class Body {
        Buffer bytes;
        boolean refused;
        boolean ended;
        boolean handedOver;

        Body(int expected) {
            this.bytes = Buffer.buffer(expected);
        }
    }

    private static boolean parses(String length) {
        String s = length.strip();
        return !s.isEmpty() && s.length() < 19 && s.chars().allMatch(Character::isDigit);
    }

    private static RequestTooLargeException tooLarge(int max) {
        return new RequestTooLargeException("the body is larger than " + max
                + " bytes, the most vigil.ingest.receive.max-request-bytes allows");
    }

    private void export(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, BodyCoding coding,
            Predicate<String> pipelines, byte[] body, RequestAdmission.Ticket ticket) {
        meters.requestBytes(signal.signal(), TRANSPORT, body.length);
        // Kafka completes the export on its own I/O thread; the answer is written back on this request's context.
        Context requestContext = Vertx.currentContext();
        int max = config.maxRequestBytes();
        handler.export(signal, encoding, TRANSPORT, pipelines, () -> coding.decode(body, max))
                .whenComplete((response, failure) -> ticket.release())
                .whenComplete((response, failure) -> requestContext.runOnContext(ignored -> {
                    if (failure == null) {
                        answer(context, 200, encoding, response);
                    } else {
                        refuse(signal, context, encoding, failure);
                    }
                }));
    }

    /**
     * A refusal of a body the receiver will not keep, answered at once while the body is read and
     * dropped as it arrives: closing a connection with unread data makes TCP reset it, and the client
     * may then never read the answer — an overloaded receiver must be heard to say "later". Dropping
     * costs no memory; a body over the request limit, or one arriving slower than
     * {@code admission.min-body-rate} (one merely slow is read to its end, as a client sends it all before
     * it reads the answer), still gets the connection closed.
     */
    private void refuseAndDiscardBody(OtlpSignal<?> signal, RoutingContext context, Encoding encoding,
            RuntimeException e) {
        HttpServerRequest request = context.request();
        long[] dropped = {0};
        long deadline = watchBodyRate(context, request::isEnded, () -> dropped[0], received -> cutOff(context));
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > config.maxRequestBytes()) {
                context.vertx().cancelTimer(deadline);
                cutOff(context);
            }
        });
        request.exceptionHandler(failure -> context.vertx().cancelTimer(deadline));
        request.endHandler(ended -> context.vertx().cancelTimer(deadline));
        refuse(signal, context, encoding, e);
        request.resume();
    }

    /**
     * Every {@code admission.body-timeout}, until {@code done}: when fewer than {@code admission.min-body-rate}
     * bytes a second came since the last look, stops looking and passes the bytes received so far to
     * {@code tooSlow}. A body that is slow but coming is left to arrive. Returns the timer, to cancel.
     */
    private long watchBodyRate(RoutingContext context, BooleanSupplier done,
            LongSupplier received, LongConsumer tooSlow) {
        long period = config.admission().bodyTimeout().toMillis();
        long minBytes = config.admission().minBodyRate() * period / 1000;
        long[] atLastLook = {0};
        return context.vertx().setPeriodic(period, id -> {
            if (done.getAsBoolean()) {
                context.vertx().cancelTimer(id);
                return;
            }
            long now = received.getAsLong();
            if (now - atLastLook[0] >= minBytes) {
                atLastLook[0] = now;
                return;
            }
            context.vertx().cancelTimer(id);
            tooSlow.accept(now);
        });
    }

    /** Stops a body from arriving: HTTP/2 resets just the stream, HTTP/1.1 has to close the connection. */
    private static void cutOff(RoutingContext context) {
        if (context.request().version() == HttpVersion.HTTP_2) {
            context.response().reset();
        } else {
            context.request().connection().close();
        }
    }

    /**
     * A refusal while the body is still arriving: an HTTP/1.1 connection is closed after the answer, so
     * the rest of the body is neither read nor kept (HTTP/2 ends just the stream, and forbids the header).
     */
    private void refuseBeforeBody(OtlpSignal<?> signal, RoutingContext context, Encoding encoding, Throwable e) {
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
