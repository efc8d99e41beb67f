package dev.vigil.system.prometheus;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/** A Prometheus remote write 1.0 sender: WriteRequest protobuf, snappy block compressed, as the spec says. */
final class RemoteWrite {
    /** Prometheus's stale marker, the NaN that ends a series (value.StaleNaN). */
    static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Sample(double value, long timestampMs) {
    }

    /** Labels sorted by name, {@code __name__} included, and samples in time order. */
    record TimeSeries(Map<String, String> labels, List<Sample> samples) {
    }

    private RemoteWrite() {
    }

    static void send(URI url, List<TimeSeries> series) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encode(series))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("remote write to " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    static byte[] encode(List<TimeSeries> series) throws IOException {
        return Snappy.compress(message(request -> {
            for (TimeSeries ts : series) {
                request.writeByteArray(1, timeSeries(ts));
            }
        }));
    }

    private static byte[] timeSeries(TimeSeries ts) throws IOException {
        return message(out -> {
            for (Map.Entry<String, String> l : ts.labels().entrySet()) {
                out.writeByteArray(1, message(label -> {
                    label.writeString(1, l.getKey());
                    label.writeString(2, l.getValue());
                }));
            }
            for (Sample s : ts.samples()) {
                out.writeByteArray(2, message(sample -> {
                    sample.writeDouble(1, s.value());
                    sample.writeInt64(2, s.timestampMs());
                }));
            }
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
