package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * OTLP/gRPC for one signal: the {@code Export} method of its collector service. The request arrives
 * as bytes — gRPC has already enforced the size limit and undone gzip — and is parsed by the same
 * decoder as OTLP/HTTP, so malformed input is {@code INVALID_ARGUMENT} with the same message rather
 * than the generic {@code INTERNAL} a generated stub's parser would give. Refusals carry a
 * {@code google.rpc.Status} in the trailers, with {@code RetryInfo} when sending again may succeed.
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

    private final OtlpSignal<?> signal;
    private final ExportHandler handler;
    private final ReceiveConfig config;
    private final ReceiveMeters meters;

    OtlpGrpcService(OtlpSignal<?> signal, ExportHandler handler, ReceiveConfig config, ReceiveMeters meters) {
        this.signal = signal;
        this.handler = handler;
        this.config = config;
        this.meters = meters;
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
                .addMethod(export, ServerCalls.asyncUnaryCall(this::export))
                .build();
    }

    private void export(byte[] body, StreamObserver<byte[]> answer) {
        if (!config.enabled()) {
            answer.onError(Status.UNIMPLEMENTED.withDescription("the receive stage is off").asRuntimeException());
            return;
        }
        meters.requestBytes(signal.signal(), TRANSPORT, body.length);
        handler.export(signal, Encoding.PROTOBUF, body).whenComplete((Message response, Throwable failure) -> {
            if (failure == null) {
                answer.onNext(response.toByteArray());
                answer.onCompleted();
            } else {
                ExportStatus status = ExportStatus.of(failure);
                meters.refused(signal.signal(), TRANSPORT, Status.fromCodeValue(status.grpcCode()).getCode().name());
                answer.onError(StatusProto.toStatusRuntimeException(RpcStatus.of(status, config.retryAfter())));
            }
        });
    }
}
