package dev.vigil.ingest.receive;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * Reads an export request of any signal from protobuf or OTLP/JSON and checks it. Parsing nests no
 * deeper than {@code max-attribute-depth} allows (with room for one level more, so that the refusal
 * names the field), which keeps a hostile, deeply nested body from exhausting the stack.
 */
final class ExportDecoder {
    private final RequestChecks checks;
    private final OtlpJson json;
    private final int recursionLimit;

    ExportDecoder(int maxAttributeDepth) {
        this.checks = new RequestChecks(maxAttributeDepth);
        this.json = new OtlpJson(maxAttributeDepth);
        // An AnyValue level costs 3 message levels (AnyValue, KeyValueList, KeyValue); the deepest path to
        // an attribute, an exemplar's, takes 8.
        this.recursionLimit = 3 * (maxAttributeDepth + 1) + 16;
    }

    /** Parses the body; what parsing cannot see is left to {@link #check}. */
    <R extends Message> R decode(OtlpSignal<R> signal, Encoding encoding, byte[] body) {
        return switch (encoding) {
            case PROTOBUF -> protobuf(signal, body);
            case JSON -> json.read(body, signal);
        };
    }

    /** Refuses ids of the wrong length and values nested too deep, naming the first such field. */
    <R extends Message> void check(OtlpSignal<R> signal, R request) {
        signal.validate(request, checks);
    }

    private <R extends Message> R protobuf(OtlpSignal<R> signal, byte[] body) {
        CodedInputStream in = CodedInputStream.newInstance(body);
        in.setRecursionLimit(recursionLimit);
        try {
            return signal.parser().parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidExportException("the body is not a valid protobuf "
                    + signal.emptyRequest().getDescriptorForType().getName() + ": " + e.getMessage(), e);
        }
    }
}
