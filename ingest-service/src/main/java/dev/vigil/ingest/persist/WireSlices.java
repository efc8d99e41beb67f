package dev.vigil.ingest.persist;

import dev.vigil.ingest.wire.WireReader;
import java.util.Arrays;

/** Where the messages of a repeated field are in an export, which the encoders of rows read without parsing it. */
final class WireSlices {
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int start, int end) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    WireReader reader(byte[] bytes, int i) {
        return new WireReader(bytes, starts[i], ends[i]);
    }
}
