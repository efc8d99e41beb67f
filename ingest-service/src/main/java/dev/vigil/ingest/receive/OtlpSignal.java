package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.vigil.contracts.Signal;
import java.util.List;

/**
 * What the receiver needs to know about one OTLP signal, so that one handler, one splitter and one
 * set of endpoints serve all three. Every {@code Export*ServiceRequest} has the same shape — resources
 * (field 1), each with scopes (field 2), each with items (field 2) — and differs only in the item type,
 * how items are counted and keyed, and which of their fields must be checked.
 *
 * @param <R> the signal's export request type
 */
sealed interface OtlpSignal<R extends Message> permits TracesSignal, MetricsSignal, LogsSignal {

    List<OtlpSignal<?>> ALL = List.of(TracesSignal.INSTANCE, MetricsSignal.INSTANCE, LogsSignal.INSTANCE);

    Signal signal();

    Parser<R> parser();

    /** The empty request: what the OTLP/JSON reader merges into. */
    R emptyRequest();

    /** The fully qualified gRPC service, e.g. {@code opentelemetry.proto.collector.trace.v1.TraceService}. */
    String grpcService();

    /** One item, as refusals name it: {@code span}, {@code metric}, {@code log record}. */
    String itemNoun();

    /** Spans, data points or log records: what partial success counts. */
    int items(R request);

    /** Refuses what parsing lets through: ids of the wrong length, values nested too deep. */
    void validate(R request, RequestChecks checks);

    /**
     * The request's items in order, each with the record key that keeps related items on one
     * partition. An item larger than {@code maxRecordBytes} may be cut into several pieces where the
     * signal allows it (a metric's data points); otherwise it is left whole, and refused by the splitter.
     */
    List<Piece> pieces(R request, int maxRecordBytes);

    /** Resource {@code r} with its attributes and schema URL, without its scopes. */
    Message resourceHeader(R request, int r);

    /** Scope {@code s} of resource {@code r} with its scope and schema URL, without its items. */
    Message scopeHeader(R request, int r, int s);

    /** The success answer; {@code rejected > 0} makes it a partial success with that message. */
    Message response(long rejected, String message);

    /**
     * One item of a request (or part of one), where it sits, and the key of its record.
     *
     * @param index the item's position in its scope, {@link #PART} for a part of an item: {@link ReceivedItems}
     *     finds the bytes of a whole item by it
     */
    record Piece(int resource, int scope, int index, Message item, int items, String key) {
        static final int PART = -1;

        boolean isWholeItem() {
            return index != PART;
        }
    }
}
