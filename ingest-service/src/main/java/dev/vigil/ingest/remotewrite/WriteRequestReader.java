package dev.vigil.ingest.remotewrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads remote write 1.0's {@code prometheus.WriteRequest} (snappy block format, then protobuf) into
 * {@link TimeSeries}. Only the fields 1.0 defines are read (labels and float samples); metadata and native
 * histograms are passed over.
 */
public final class WriteRequestReader {

    /** One series: its labels in the order sent, and its samples. */
    public record TimeSeries(List<Label> labels, List<Sample> samples) {
    }

    public record Label(String name, String value) {
    }

    /** A float sample at a time in milliseconds. */
    public record Sample(double value, long timestampMs) {
    }

    /** A body that is not a snappy-compressed WriteRequest: the sender's fault, not to be retried. */
    public static final class MalformedWriteRequestException extends Exception {
        MalformedWriteRequestException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private WriteRequestReader() {
    }

    /** Decompresses and reads {@code body}, refusing one that would decompress to more than {@code maxBytes}. */
    public static List<TimeSeries> read(byte[] body, int maxBytes) throws MalformedWriteRequestException {
        byte[] raw;
        try {
            if (!Snappy.isValidCompressedBuffer(body)) {
                throw new MalformedWriteRequestException("the body is not snappy-compressed (block format)", null);
            }
            int length = Snappy.uncompressedLength(body);
            if (length > maxBytes) {
                throw new MalformedWriteRequestException("the body decompresses to " + length + " bytes, more than " + maxBytes, null);
            }
            raw = Snappy.uncompress(body);
        } catch (IOException e) {
            throw new MalformedWriteRequestException("the body is not snappy-compressed (block format): " + e.getMessage(), e);
        }
        try {
            return writeRequest(CodedInputStream.newInstance(raw));
        } catch (IOException | RuntimeException e) {
            throw new MalformedWriteRequestException("the body is not a remote write WriteRequest: " + e.getMessage(), e);
        }
    }

    private static List<TimeSeries> writeRequest(CodedInputStream in) throws IOException {
        List<TimeSeries> out = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                out.add(timeSeries(in));
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    private static TimeSeries timeSeries(CodedInputStream in) throws IOException {
        List<Label> labels = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                labels.add(label(in));
                in.popLimit(limit);
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                samples.add(sample(in));
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return new TimeSeries(labels, samples);
    }

    private static Label label(CodedInputStream in) throws IOException {
        String name = "";
        String value = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readStringRequireUtf8();
                case 2 -> value = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Label(name, value);
    }

    private static Sample sample(CodedInputStream in) throws IOException {
        double value = 0;
        long timestamp = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readDouble();
                case 2 -> timestamp = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new Sample(value, timestamp);
    }
}
