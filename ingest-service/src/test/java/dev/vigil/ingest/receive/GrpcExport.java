package dev.vigil.ingest.receive;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Calls a collector service's {@code Export} with raw bytes, so a test can send what no stub would. */
final class GrpcExport {
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

    private GrpcExport() {
    }

    /**
     * An {@code Export} call started and never sent: the receiver holds the largest message's bytes for it
     * until the call is closed (or its message time-out passes).
     */
    static AutoCloseable hold(String service) {
        ManagedChannel channel = Receiver.grpcChannel();
        // Client streaming on this side only (the wire does not carry it): gRPC sends a unary call's headers
        // together with its message, and this call has none.
        MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        io.grpc.ClientCall<byte[], byte[]> call = channel.newCall(export, CallOptions.DEFAULT);
        call.start(new io.grpc.ClientCall.Listener<>() {
        }, new io.grpc.Metadata());
        call.request(1);
        return () -> {
            call.cancel("the test lets go", null);
            channel.shutdownNow();
        };
    }

    /** The response bytes; a refusal is thrown as the {@link StatusRuntimeException} the server sent. */
    static byte[] call(String service, byte[] request) {
        ManagedChannel channel = Receiver.grpcChannel();
        try {
            return call(channel, service, request);
        } finally {
            channel.shutdownNow();
        }
    }

    /** As above, on {@code channel}, which the caller closes. */
    static byte[] call(io.grpc.Channel channel, String service, byte[] request) {
        MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        return ClientCalls.blockingUnaryCall(channel, export,
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
    }
}
