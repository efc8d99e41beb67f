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

    /** The response bytes; a refusal is thrown as the {@link StatusRuntimeException} the server sent. */
    static byte[] call(String service, byte[] request) {
        ManagedChannel channel = Receiver.grpcChannel();
        try {
            MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                    .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
            return ClientCalls.blockingUnaryCall(channel, export,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
        } finally {
            channel.shutdownNow();
        }
    }
}
