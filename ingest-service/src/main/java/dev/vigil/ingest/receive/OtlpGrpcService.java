package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * OTLP/gRPC for one signal: the {@code Export} method of its collector service. The request arrives
 * as bytes — gRPC has already enforced the size limit and undone gzip — and is parsed by the same
 * decoder as OTLP/HTTP, so malformed input is {@code INVALID_ARGUMENT} with the same message rather
 * than the generic {@code INTERNAL} a generated stub's parser would give. Refusals carry a
 * {@code google.rpc.Status} in the trailers, with {@code RetryInfo} when sending again may succeed.
 *
 * <p>Admission happens when the call starts, before its message is asked for: gRPC reads a unary
 * request's message in full (up to {@code max-inbound-message-size}, which is {@code max-request-bytes})
 * before it hands it to the service, and nothing on the wire says its size before it arrives. So an
 * admitted call holds {@code max-request-bytes} of the budget until its message is in, then the
 * message's size; a call that does not fit is refused with {@code RESOURCE_EXHAUSTED} and
 * {@code RetryInfo} without its message being read (what HTTP/2 flow control let the client send
 * ahead, at most one window, is dropped with the stream). A message that has not arrived within
 * {@code admission.body-timeout} — or the time a largest message takes at {@code admission.min-body-rate},
 * if longer — ends the call with {@code DEADLINE_EXCEEDED}.
 *
 * <p>Before admission, the call's ingest token ({@code authorization: Bearer vgi_…} metadata) is checked
 * ({@link IngestTokenGate}); a refused one ends the call with {@code UNAUTHENTICATED}, {@code PERMISSION_DENIED} or,
 * when it could not be verified, {@code UNAVAILABLE}. Verifying may wait for PostgreSQL: the call's message is not
 * asked for until the token passed, so a refused call never has its message read, and no thread waits.
 */
abstract sealed class OtlpGrpcService implements BindableService
        permits TracesGrpcService, MetricsGrpcService, LogsGrpcService {
    static final String TRANSPORT = "grpc";

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final OtlpSignal<?> signal;
    private final ExportHandler handler;
    private final RequestAdmission admission;
    private final IngestTokenGate gate;
    private final Vertx vertx;
    private final ReceiveConfig config;
    private final ReceiveMeters meters;

    OtlpGrpcService(OtlpSignal<?> signal, Receiving receiving) {
        this.signal = signal;
        this.handler = receiving.handler();
        this.admission = receiving.admission();
        this.gate = receiving.gate();
        this.vertx = receiving.vertx();
        this.config = receiving.config();
        this.meters = receiving.meters();
    }

    @Override
    public ServerServiceDefinition bindService() {
        MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(signal.grpcService(), "Export"))
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        ServiceDescriptor service = ServiceDescriptor.newBuilder(signal.grpcService()).addMethod(export).build();
        return ServerServiceDefinition.builder(service)
                .addMethod(export, this::start)
                .build();
    }

    private ServerCall.Listener<byte[]> start(ServerCall<byte[], byte[]> call, Metadata headers) {
        if (!config.enabled()) {
            call.close(Status.UNIMPLEMENTED.withDescription("the receive stage is off"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        CompletableFuture<Predicate<String>> passed = gate.pass(signal.signal(), TRANSPORT, headers.get(AUTHORIZATION));
        if (passed.isDone()) {
            ServerCall.Listener<byte[]> listener = passed(call, passed);
            requestMessage(call, listener);
            return listener != null ? listener : new ServerCall.Listener<>() {
            };
        }
        Verifying verifying = new Verifying(call);
        passed.whenComplete((pipelines, failure) -> verifying.passed(passed));
        return verifying;
    }

    /** The call whose token check ended: admitted (its message not yet asked for), or closed with the refusal. */
    private ServerCall.Listener<byte[]> passed(ServerCall<byte[], byte[]> call,
            CompletableFuture<Predicate<String>> passed) {
        Predicate<String> pipelines;
        try {
            pipelines = passed.join();
        } catch (CompletionException | CancellationException e) {
            StatusRuntimeException refusal = refusal(e);
            call.close(refusal.getStatus(), refusal.getTrailers());
            return null;
        }
        RequestAdmission.Ticket ticket = admission.admitNow(TRANSPORT, config.maxRequestBytes());
        if (ticket == null) {
            StatusRuntimeException refusal = refusal(admission.overloaded());
            call.close(refusal.getStatus(), refusal.getTrailers());
            return null;
        }
        return new ExportCall(call, ticket, pipelines);
    }

    /** Asks for the message of an admitted call; a refused one (null) is already closed. */
    private static void requestMessage(ServerCall<byte[], byte[]> call, ServerCall.Listener<byte[]> admitted) {
        if (admitted != null) {
            // Two, as gRPC's own unary handler asks: a second message is an error the client must hear of.
            call.request(2);
        }
    }

    /**
     * A call whose token is being verified. Its message is not asked for yet, so gRPC has nothing to deliver but a
     * cancellation or a half-close (a call without a message); once verified, the call is refused or handed to its
     * {@link ExportCall}, which gets what came meanwhile.
     */
    private final class Verifying extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], byte[]> call;
        private ServerCall.Listener<byte[]> admitted;
        private boolean decided;
        private boolean cancelled;
        private boolean halfClosed;

        Verifying(ServerCall<byte[], byte[]> call) {
            this.call = call;
        }

        void passed(CompletableFuture<Predicate<String>> passed) {
            ServerCall.Listener<byte[]> listener;
            boolean halfClosedMeanwhile;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                listener = OtlpGrpcService.this.passed(call, passed);
                admitted = listener;
                decided = true;
                halfClosedMeanwhile = halfClosed;
            }
            requestMessage(call, listener);
            if (listener != null && halfClosedMeanwhile) {
                listener.onHalfClose();
            }
        }

        private synchronized ServerCall.Listener<byte[]> admitted() {
            return admitted;
        }

        @Override
        public void onMessage(byte[] message) {
            ServerCall.Listener<byte[]> listener = admitted();
            if (listener != null) {
                listener.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            ServerCall.Listener<byte[]> listener;
            synchronized (this) {
                if (!decided) {
                    halfClosed = true;
                    return;
                }
                listener = admitted;
            }
            if (listener != null) {
                listener.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            ServerCall.Listener<byte[]> listener;
            synchronized (this) {
                cancelled = true;
                listener = admitted;
            }
            if (listener != null) {
                listener.onCancel();
            }
        }

        @Override
        public void onComplete() {
            ServerCall.Listener<byte[]> listener = admitted();
            if (listener != null) {
                listener.onComplete();
            }
        }
    }

    /**
     * How long an admitted call's message may take to arrive. gRPC does not show a message's progress, so
     * the call gets the time a largest message takes at {@code admission.min-body-rate} — what an OTLP/HTTP
     * body that is slow but steady is allowed — and at least {@code admission.body-timeout}. A flat 30 s
     * cut off well-behaved calls on a busy machine, as it did HTTP bodies.
     */
    private java.time.Duration messageTimeout() {
        java.time.Duration floor = config.admission().bodyTimeout();
        int rate = config.admission().minBodyRate();
        if (rate == 0) {
            return floor;
        }
        java.time.Duration atMinRate = java.time.Duration.ofMillis(config.maxRequestBytes() * 1000L / rate);
        return atMinRate.compareTo(floor) > 0 ? atMinRate : floor;
    }

    private StatusRuntimeException refusal(Throwable failure) {
        ExportStatus status = ExportStatus.of(failure);
        meters.refused(signal.signal(), TRANSPORT, Status.fromCodeValue(status.grpcCode()).getCode().name());
        return StatusProto.toStatusRuntimeException(RpcStatus.of(status, config.retryAfter()));
    }

    /**
     * One admitted call. gRPC delivers its events one at a time, but the answer comes from Kafka's
     * thread and the deadline from a timer, so everything that touches the call holds this object's lock.
     */
    private final class ExportCall extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], byte[]> call;
        private final RequestAdmission.Ticket ticket;
        private final Predicate<String> pipelines;
        private final long deadline;
        private byte[] body;
        private boolean exporting;
        private boolean closed;

        ExportCall(ServerCall<byte[], byte[]> call, RequestAdmission.Ticket ticket, Predicate<String> pipelines) {
            this.call = call;
            this.ticket = ticket;
            this.pipelines = pipelines;
            this.deadline = vertx.setTimer(messageTimeout().toMillis(), id -> timedOut());
        }

        @Override
        public void onMessage(byte[] message) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (body != null) {
                    close(Status.INTERNAL.withDescription("more than one request message for a unary call"));
                    return;
                }
                body = message;
            }
            // The message is in: from now on the call holds what it really takes.
            ticket.resize(message.length);
        }

        @Override
        public void onHalfClose() {
            byte[] request;
            synchronized (this) {
                vertx.cancelTimer(deadline);
                if (closed) {
                    return;
                }
                if (body == null) {
                    close(Status.INTERNAL.withDescription("the call ended without a request message"));
                    return;
                }
                exporting = true;
                request = body;
                body = null;
            }
            meters.requestBytes(signal.signal(), TRANSPORT, request.length);
            handler.export(signal, Encoding.PROTOBUF, TRANSPORT, pipelines, request).whenComplete((Message response, Throwable failure) -> {
                ticket.release();
                if (failure == null) {
                    answer(response.toByteArray());
                } else {
                    StatusRuntimeException refusal = refusal(failure);
                    finish(refusal.getStatus(), refusal.getTrailers());
                }
            });
        }

        @Override
        public void onCancel() {
            RequestAdmission.Ticket held;
            synchronized (this) {
                vertx.cancelTimer(deadline);
                closed = true;
                // A decode under way still holds the body; its completion gives the bytes back.
                held = exporting ? null : ticket;
            }
            if (held != null) {
                held.release();
            }
        }

        private void timedOut() {
            synchronized (this) {
                if (closed || exporting) {
                    return;
                }
            }
            meters.admissionRefused(TRANSPORT, ReceiveMeters.Refusal.BODY_TIMEOUT);
            StatusRuntimeException refusal = refusal(new BodyTimeoutException("the request message did not arrive"
                    + " within " + messageTimeout().toMillis() + " ms (vigil.ingest.receive.admission.body-timeout,"
                    + " or max-request-bytes at min-body-rate if longer)"));
            finish(refusal.getStatus(), refusal.getTrailers());
        }

        private synchronized void answer(byte[] response) {
            if (closed) {
                return;
            }
            closed = true;
            call.sendHeaders(new Metadata());
            call.sendMessage(response);
            call.close(Status.OK, new Metadata());
        }

        private void finish(Status status, Metadata trailers) {
            RequestAdmission.Ticket held;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                held = exporting ? null : ticket;
                call.close(status, trailers);
            }
            // Outside the lock: giving bytes back may let another call in, which takes that call's lock.
            if (held != null) {
                held.release();
            }
        }

        private void close(Status status) {
            finish(status, new Metadata());
        }
    }
}
