package dev.vigil.ingest.receive;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/**
 * Cuts an export request of any signal into Kafka records: the items of one key (a trace, a metric of
 * a resource, …) go to records with that key, and a key with too much for one record gets several.
 * Each record is itself an export request of the signal, keeping the resource and scope of its items.
 * An item that cannot fit in a record even alone is refused.
 *
 * <p>Records are written as protobuf bytes directly: all three {@code Export*ServiceRequest}s carry
 * resources in field 1, a resource's scopes in its field 2 and a scope's items in its field 2, so
 * one writer serves every signal; the resource and scope fields themselves are copied as they came, and so
 * are the items of a protobuf body no pipeline changed ({@link ReceivedItems}).
 */
final class RecordSplitter {
    /** Tag byte plus the longest varint a length can need: an upper bound that keeps records under the limit. */
    private static final int NESTED_OVERHEAD = 1 + 5;
    private static final int CHILDREN = 2;
    private static final int RESOURCES = 1;

    private RecordSplitter() {
    }

    /** The records, in the order their keys first appear, and the items that did not fit anywhere. */
    record Split(List<OtlpRecord> records, int refusedItems, String refusal) {
        long bytes() {
            long bytes = 0;
            for (OtlpRecord record : records) {
                bytes += record.value().length;
            }
            return bytes;
        }
    }

    static <R extends Message> Split split(OtlpSignal<R> signal, R request, int maxRecordBytes) {
        return split(signal, request, null, maxRecordBytes, 0);
    }

    /**
     * With the topic's partition count known ({@code partitions > 0}), the keys that Kafka's default
     * partitioner would put on one partition share records, each sent to that partition: an export of
     * many traces becomes a few records rather than one per trace, with its resources and scopes
     * written once per record instead of once per trace. With {@code partitions == 0}, one key per record.
     *
     * @param received where the request's items are in the body it was parsed from, when the request is that body's
     *     parse as it is (null otherwise: sent as JSON, changed by a pipeline): items are then copied from the body
     */
    static <R extends Message> Split split(OtlpSignal<R> signal, R request, ReceivedItems received,
            int maxRecordBytes, int partitions) {
        Map<String, List<OtlpSignal.Piece>> byKey = new LinkedHashMap<>();
        Map<Integer, List<OtlpSignal.Piece>> byPartition = new LinkedHashMap<>();
        Map<Integer, String> firstKey = new LinkedHashMap<>();
        int items = 0;
        for (OtlpSignal.Piece piece : signal.pieces(request, maxRecordBytes)) {
            if (partitions > 0) {
                int partition = partitionOf(piece.key(), partitions);
                byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(piece);
                firstKey.putIfAbsent(partition, piece.key());
            } else {
                byKey.computeIfAbsent(piece.key(), k -> new ArrayList<>()).add(piece);
            }
            items += piece.items();
        }
        if (partitions > 0) {
            return byPartition(signal, request, received, maxRecordBytes, byPartition, firstKey, items);
        }
        if (byKey.isEmpty()) {
            return new Split(List.of(), 0, "");
        }
        if (byKey.size() == 1 && size(request, received) <= maxRecordBytes) {
            // The common case of an SDK flushing one trace: the request is the record, unchanged.
            String key = byKey.keySet().iterator().next();
            return new Split(List.of(new OtlpRecord(key.getBytes(StandardCharsets.US_ASCII), bytes(request, received),
                    items)), 0, "");
        }
        Packer<R> packer = new Packer<>(signal, request, received, maxRecordBytes);
        for (Map.Entry<String, List<OtlpSignal.Piece>> key : byKey.entrySet()) {
            packer.pack(key.getKey(), key.getValue());
        }
        return new Split(packer.records, packer.refused, packer.refusal);
    }

    private static <R extends Message> Split byPartition(OtlpSignal<R> signal, R request, ReceivedItems received,
            int maxRecordBytes, Map<Integer, List<OtlpSignal.Piece>> byPartition, Map<Integer, String> firstKey,
            int items) {
        if (byPartition.isEmpty()) {
            return new Split(List.of(), 0, "");
        }
        if (byPartition.size() == 1 && size(request, received) <= maxRecordBytes) {
            int partition = byPartition.keySet().iterator().next();
            return new Split(List.of(new OtlpRecord(firstKey.get(partition).getBytes(StandardCharsets.US_ASCII),
                    bytes(request, received), items, partition)), 0, "");
        }
        Packer<R> packer = new Packer<>(signal, request, received, maxRecordBytes);
        for (Map.Entry<Integer, List<OtlpSignal.Piece>> group : byPartition.entrySet()) {
            packer.pack(firstKey.get(group.getKey()), group.getValue(), group.getKey());
        }
        return new Split(packer.records, packer.refused, packer.refusal);
    }

    private static int size(Message request, ReceivedItems received) {
        return received != null ? received.body().length : request.getSerializedSize();
    }

    private static byte[] bytes(Message request, ReceivedItems received) {
        return received != null ? received.body() : request.toByteArray();
    }

    /** The partition Kafka's default partitioner chooses for a keyed record. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.US_ASCII))) % partitions;
    }

    /** Fills records piece by piece, starting a new record when the next piece would not fit. */
    private static final class Packer<R extends Message> {
        private final OtlpSignal<R> signal;
        private final R request;
        private final ReceivedItems received;
        private final int max;
        private final List<OtlpRecord> records = new ArrayList<>();
        private int refused;
        private String refusal = "";

        /** The record being filled: its pieces in order, their size bound and item count. */
        private final List<OtlpSignal.Piece> pending = new ArrayList<>();
        private long bytes;
        private int items;

        /** The resources and scopes without their children, serialized once each. */
        private final Map<Integer, ByteString> resourceHeaders = new LinkedHashMap<>();
        private final Map<Long, ByteString> scopeHeaders = new LinkedHashMap<>();

        Packer(OtlpSignal<R> signal, R request, ReceivedItems received, int max) {
            this.signal = signal;
            this.request = request;
            this.received = received;
            this.max = max;
        }

        void pack(String key, List<OtlpSignal.Piece> pieces) {
            pack(key, pieces, OtlpRecord.BY_KEY);
        }

        void pack(String key, List<OtlpSignal.Piece> pieces, int partition) {
            OtlpSignal.Piece previous = null;
            for (OtlpSignal.Piece piece : pieces) {
                int itemBytes = itemBytes(piece);
                long itemCost = NESTED_OVERHEAD + itemBytes;
                long scopeCost = NESTED_OVERHEAD + scopeHeader(piece).size();
                long resourceCost = NESTED_OVERHEAD + resourceHeader(piece).size();
                if (resourceCost + scopeCost + itemCost > max) {
                    refused += piece.items();
                    refusal = "a " + signal.itemNoun() + " of key " + key + " needs " + itemBytes
                            + " bytes, more than a Kafka record of " + max + " bytes can hold";
                    continue;
                }
                boolean sameResource = previous != null && !pending.isEmpty() && piece.resource() == previous.resource();
                boolean sameScope = sameResource && piece.scope() == previous.scope();
                long cost = itemCost + (sameScope ? 0 : scopeCost) + (sameResource ? 0 : resourceCost);
                if (!pending.isEmpty() && bytes + cost > max) {
                    emit(key, partition);
                    cost = itemCost + scopeCost + resourceCost;
                }
                pending.add(piece);
                bytes += cost;
                items += piece.items();
                previous = piece;
            }
            if (!pending.isEmpty()) {
                emit(key, partition);
            }
        }

        private void emit(String key, int partition) {
            records.add(new OtlpRecord(key.getBytes(StandardCharsets.US_ASCII), write(), items, partition));
            pending.clear();
            bytes = 0;
            items = 0;
        }

        /** The pending pieces as one export request: consecutive pieces of one resource and scope share them. */
        private byte[] write() {
            List<List<List<OtlpSignal.Piece>>> resources = new ArrayList<>();
            OtlpSignal.Piece last = null;
            for (OtlpSignal.Piece piece : pending) {
                if (last == null || piece.resource() != last.resource()) {
                    resources.add(new ArrayList<>());
                }
                List<List<OtlpSignal.Piece>> scopes = resources.getLast();
                if (last == null || piece.resource() != last.resource() || piece.scope() != last.scope()) {
                    scopes.add(new ArrayList<>());
                }
                scopes.getLast().add(piece);
                last = piece;
            }
            int[] scopeSizes = new int[pending.size()];
            int[] resourceSizes = new int[resources.size()];
            int total = 0;
            int scopeIndex = 0;
            for (int r = 0; r < resources.size(); r++) {
                List<List<OtlpSignal.Piece>> scopes = resources.get(r);
                int resourceSize = resourceHeader(scopes.getFirst().getFirst()).size();
                for (List<OtlpSignal.Piece> scope : scopes) {
                    int scopeSize = scopeHeader(scope.getFirst()).size();
                    for (OtlpSignal.Piece piece : scope) {
                        int itemBytes = itemBytes(piece);
                        scopeSize += CodedOutputStream.computeTagSize(CHILDREN)
                                + CodedOutputStream.computeUInt32SizeNoTag(itemBytes) + itemBytes;
                    }
                    scopeSizes[scopeIndex++] = scopeSize;
                    resourceSize += CodedOutputStream.computeTagSize(CHILDREN)
                            + CodedOutputStream.computeUInt32SizeNoTag(scopeSize) + scopeSize;
                }
                resourceSizes[r] = resourceSize;
                total += CodedOutputStream.computeTagSize(RESOURCES)
                        + CodedOutputStream.computeUInt32SizeNoTag(resourceSize) + resourceSize;
            }
            byte[] out = new byte[total];
            CodedOutputStream stream = CodedOutputStream.newInstance(out);
            try {
                scopeIndex = 0;
                for (int r = 0; r < resources.size(); r++) {
                    List<List<OtlpSignal.Piece>> scopes = resources.get(r);
                    stream.writeTag(RESOURCES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    stream.writeUInt32NoTag(resourceSizes[r]);
                    stream.writeRawBytes(resourceHeader(scopes.getFirst().getFirst()));
                    for (List<OtlpSignal.Piece> scope : scopes) {
                        stream.writeTag(CHILDREN, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                        stream.writeUInt32NoTag(scopeSizes[scopeIndex++]);
                        stream.writeRawBytes(scopeHeader(scope.getFirst()));
                        for (OtlpSignal.Piece piece : scope) {
                            if (isReceived(piece)) {
                                stream.writeTag(CHILDREN, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                                stream.writeUInt32NoTag(received.length(piece));
                                stream.writeRawBytes(received.body(), received.start(piece), received.length(piece));
                            } else {
                                stream.writeMessage(CHILDREN, piece.item());
                            }
                        }
                    }
                }
                stream.checkNoSpaceLeft();
            } catch (IOException e) {
                throw new UncheckedIOException("the buffer was sized for exactly this record", e);
            }
            return out;
        }

        /** An item as it came is copied; a part of one, or one of a request that is no body's parse, is written. */
        private boolean isReceived(OtlpSignal.Piece piece) {
            return received != null && piece.isWholeItem();
        }

        private int itemBytes(OtlpSignal.Piece piece) {
            return isReceived(piece) ? received.length(piece) : piece.item().getSerializedSize();
        }

        private ByteString resourceHeader(OtlpSignal.Piece piece) {
            return resourceHeaders.computeIfAbsent(piece.resource(),
                    r -> signal.resourceHeader(request, r).toByteString());
        }

        private ByteString scopeHeader(OtlpSignal.Piece piece) {
            long id = ((long) piece.resource() << 32) | piece.scope();
            return scopeHeaders.computeIfAbsent(id, k -> signal.scopeHeader(request, piece.resource(), piece.scope())
                    .toByteString());
        }
    }
}
