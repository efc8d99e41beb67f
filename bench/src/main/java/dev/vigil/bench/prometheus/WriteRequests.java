package dev.vigil.bench.prometheus;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote write 1.0 request bodies (a {@code WriteRequest} protobuf, snappy block compressed): the given
 * series, each with its samples of consecutive steps, as Prometheus's own queue sends them.
 */
final class WriteRequests {
    private WriteRequests() {
    }

    /**
     * @param values   [step][series index], as {@link BenchSeries#values}
     * @param fromStep the first step in the request (inclusive), up to {@code toStep} (exclusive)
     */
    static byte[] encode(List<BenchSeries.Series> all, List<Integer> seriesIndexes, double[][] values, int fromStep,
                         int toStep, long firstMillis, long stepMillis) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        CodedOutputStream request = CodedOutputStream.newInstance(body);
        ByteArrayOutputStream one = new ByteArrayOutputStream(1024);
        for (int index : seriesIndexes) {
            one.reset();
            CodedOutputStream series = CodedOutputStream.newInstance(one);
            for (Map.Entry<String, String> label : all.get(index).labels().entrySet()) {
                series.writeTag(1, 2);
                series.writeUInt32NoTag(CodedOutputStream.computeStringSize(1, label.getKey())
                        + CodedOutputStream.computeStringSize(2, label.getValue()));
                series.writeString(1, label.getKey());
                series.writeString(2, label.getValue());
            }
            for (int step = fromStep; step < toStep; step++) {
                long millis = firstMillis + step * stepMillis;
                series.writeTag(2, 2);
                series.writeUInt32NoTag(CodedOutputStream.computeDoubleSize(1, values[step][index])
                        + CodedOutputStream.computeInt64Size(2, millis));
                series.writeDouble(1, values[step][index]);
                series.writeInt64(2, millis);
            }
            series.flush();
            request.writeByteArray(1, one.toByteArray());
        }
        request.flush();
        return Snappy.compress(body.toByteArray());
    }
}
