package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.wire.WireReader;

/** Reading the fields of OTLP messages where they are in an export's bytes, as the encoders of rows do. */
final class WireFields {
    private WireFields() {
    }

    /** Reads one occurrence of a message field. */
    @FunctionalInterface
    interface Occurrence {
        void read(WireReader field) throws InvalidProtocolBufferException;
    }

    /** Each occurrence of the message field {@code fieldTag} in the rest of the message, in order. */
    static void forEach(WireReader message, int fieldTag, Occurrence occurrence) throws InvalidProtocolBufferException {
        while (message.hasMore()) {
            int tag = message.tag();
            if (tag == fieldTag) {
                message.lengthDelimited();
                occurrence.read(message.nested());
            } else {
                message.skip(tag);
            }
        }
    }

    /** Encodes an export read in place; throws {@link RepeatedMessageField} when it meets one. */
    @FunctionalInterface
    interface InPlace<T> {
        T encode(byte[] export) throws InvalidProtocolBufferException;
    }

    /** The export parsed by protobuf and serialized again: each singular message field once, merged. */
    @FunctionalInterface
    interface Canonical {
        byte[] reserialize(byte[] export) throws InvalidProtocolBufferException;
    }

    /**
     * The rows {@code inPlace} encodes from the export, or, when the export repeats a singular message field (which
     * protobuf merges and no exporter writes), from the export as protobuf serializes it again.
     */
    static <T> T encode(byte[] export, InPlace<T> inPlace, Canonical canonical)
            throws InvalidProtocolBufferException {
        try {
            return inPlace.encode(export);
        } catch (RepeatedMessageField e) {
            try {
                return inPlace.encode(canonical.reserialize(export));
            } catch (RepeatedMessageField impossible) {
                throw new IllegalStateException("protobuf serialized a singular message field twice", impossible);
            }
        }
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
