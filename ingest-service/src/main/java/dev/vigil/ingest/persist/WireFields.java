package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.wire.WireReader;

/** Reading the fields of OTLP messages where they are in an export's bytes, as the encoders of rows do. */
final class WireFields {
    private WireFields() {
    }

    /**
     * The singular message field {@code fieldTag} of the message, null without one; protobuf merges a second one
     * into the first, so one that occurs twice has the export re-encoded.
     */
    static WireReader singular(WireReader message, int fieldTag) throws InvalidProtocolBufferException {
        WireReader field = null;
        while (message.hasMore()) {
            int tag = message.tag();
            if (tag == fieldTag) {
                message.lengthDelimited();
                field = once(field, message.nested());
            } else {
                message.skip(tag);
            }
        }
        return field;
    }

    /** Where the values of the repeated field {@code fieldTag} of the message are (none without a message). */
    static void repeated(WireReader message, int fieldTag, WireSlices into) throws InvalidProtocolBufferException {
        into.clear();
        while (message != null && message.hasMore()) {
            int tag = message.tag();
            if (tag == fieldTag) {
                message.lengthDelimited();
                into.add(message.start(), message.end());
            } else {
                message.skip(tag);
            }
        }
    }

    /** A singular message field read for the first time; protobuf merges a second one into it, so it is re-encoded. */
    static WireReader once(WireReader earlier, WireReader field) throws RepeatedMessageField {
        if (earlier != null) {
            throw RepeatedMessageField.INSTANCE;
        }
        return field;
    }

    /**
     * A singular message field that occurs twice, which protobuf merges into the first: an encoder then has protobuf
     * parse the export and serialize it again, which writes each such field once. No exporter writes that. Rare, so
     * one instance without a stack.
     */
    static final class RepeatedMessageField extends RuntimeException {
        static final RepeatedMessageField INSTANCE = new RepeatedMessageField();

        private RepeatedMessageField() {
            super("a singular message field occurs twice", null, false, false);
        }
    }
}
