package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RpcStatusTest {

    @Test
    void encodesCodeAndMessageAsGoogleRpcStatusFields() throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(RpcStatus.encode(3, "trace_id has 5 bytes"));
        assertThat(in.readTag()).isEqualTo((1 << 3) | WireFormat.WIRETYPE_VARINT);
        assertThat(in.readInt32()).isEqualTo(3);
        assertThat(in.readTag()).isEqualTo((2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED);
        assertThat(in.readString()).isEqualTo("trace_id has 5 bytes");
        assertThat(in.isAtEnd()).isTrue();
    }

    @Test
    void leavesDefaultFieldsOut() {
        assertThat(RpcStatus.encode(0, "")).isEmpty();
    }
}
