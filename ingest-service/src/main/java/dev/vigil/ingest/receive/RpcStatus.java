package dev.vigil.ingest.receive;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code google.rpc.Status} message OTLP/HTTP puts in the body of a refusal: field 1 the gRPC
 * code, field 2 the message. Written by hand: two fields do not justify another dependency.
 */
final class RpcStatus {
    private RpcStatus() {
    }

    static byte[] encode(int code, String message) {
        int size = (code == 0 ? 0 : CodedOutputStream.computeInt32Size(1, code))
                + (message.isEmpty() ? 0 : CodedOutputStream.computeStringSize(2, message));
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            if (code != 0) {
                out.writeInt32(1, code);
            }
            if (!message.isEmpty()) {
                out.writeString(2, message);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("the buffer was sized for exactly this message", e);
        }
        return bytes;
    }
}
