package dev.vigil.ingest.receive;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.wire.WireReader;
import java.util.Arrays;

/**
 * Where each item (span, log record, metric) of an export request is in the protobuf body it was parsed from, so
 * that {@link RecordSplitter} copies an item's bytes into a record as they came instead of serializing the parsed
 * item again: measuring and writing the items again took about a fifth of ingest-service's CPU time under the
 * ingest benchmark (docs/performance.md, "Ingest"). An item's bytes parse to the very item protobuf parsed from
 * them, so the record holds what it held before.
 *
 * <p>The request's resources are its field 1, a resource's scopes its field 2 and a scope's items the scope's field
 * 2, in every signal; the n-th occurrence of a repeated field is the n-th element of the parsed list.
 */
final class ReceivedItems {
    private final byte[] body;
    /** For resource r and scope s: the index of their first item in {@link #starts} and {@link #ends}. */
    private final int[][] firstItem;
    private final int[] starts;
    private final int[] ends;

    private ReceivedItems(byte[] body, int[][] firstItem, int[] starts, int[] ends) {
        this.body = body;
        this.firstItem = firstItem;
        this.starts = starts;
        this.ends = ends;
    }

    /** The items of a body that parsed: it is well-formed, so reading it again cannot fail. */
    static ReceivedItems of(byte[] body) {
        try {
            return read(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a body protobuf parsed is no longer readable", e);
        }
    }

    private static ReceivedItems read(byte[] body) throws InvalidProtocolBufferException {
        int resourceTag = WireReader.tag(1, WireReader.LENGTH_DELIMITED);
        int childTag = WireReader.tag(2, WireReader.LENGTH_DELIMITED);
        int[][] firstItem = new int[8][];
        int resources = 0;
        int[] starts = new int[64];
        int[] ends = new int[64];
        int items = 0;
        WireReader request = new WireReader(body, 0, body.length);
        while (request.hasMore()) {
            int tag = request.tag();
            if (tag != resourceTag) {
                request.skip(tag);
                continue;
            }
            request.lengthDelimited();
            WireReader resource = request.nested();
            int[] scopeFirst = new int[4];
            int scopes = 0;
            while (resource.hasMore()) {
                int scopeTag = resource.tag();
                if (scopeTag != childTag) {
                    resource.skip(scopeTag);
                    continue;
                }
                resource.lengthDelimited();
                if (scopes == scopeFirst.length) {
                    scopeFirst = Arrays.copyOf(scopeFirst, scopes * 2);
                }
                scopeFirst[scopes++] = items;
                WireReader scope = resource.nested();
                while (scope.hasMore()) {
                    int itemTag = scope.tag();
                    if (itemTag != childTag) {
                        scope.skip(itemTag);
                        continue;
                    }
                    scope.lengthDelimited();
                    if (items == starts.length) {
                        starts = Arrays.copyOf(starts, items * 2);
                        ends = Arrays.copyOf(ends, items * 2);
                    }
                    starts[items] = scope.start();
                    ends[items] = scope.end();
                    items++;
                }
            }
            if (resources == firstItem.length) {
                firstItem = Arrays.copyOf(firstItem, resources * 2);
            }
            firstItem[resources++] = Arrays.copyOf(scopeFirst, scopes);
        }
        return new ReceivedItems(body, Arrays.copyOf(firstItem, resources), starts, ends);
    }

    /** The request as it came: the record when one record takes the whole request. */
    byte[] body() {
        return body;
    }

    /** The length of the piece's item as it came. */
    int length(OtlpSignal.Piece piece) {
        int i = index(piece);
        return ends[i] - starts[i];
    }

    int start(OtlpSignal.Piece piece) {
        return starts[index(piece)];
    }

    private int index(OtlpSignal.Piece piece) {
        return firstItem[piece.resource()][piece.scope()] + piece.index();
    }
}
