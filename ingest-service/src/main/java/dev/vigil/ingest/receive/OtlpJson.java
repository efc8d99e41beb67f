package dev.vigil.ingest.receive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.RetryInfo;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON: the protobuf JSON mapping with OTLP's differences — trace and span ids are hex strings
 * rather than base64 — read with unknown fields ignored and enums accepted as integers or names.
 *
 * <p>The body is read twice: first as a tree, with a nesting limit that follows
 * {@code max-attribute-depth}, to turn hex ids into the base64 the protobuf mapping expects; then by
 * {@link JsonFormat}, whose own limits are fixed (255 JSON levels, 100 message levels). So no body
 * nests deep enough to threaten the stack; the fixed limit of 100 message levels also means that over
 * OTLP/JSON, an attribute nested close to 32 levels of key-value lists can be refused a little earlier
 * than over protobuf.
 */
final class OtlpJson {
    /** The id fields of spans, links, log records and exemplars, in both spellings the mapping accepts. */
    private static final Set<String> ID_FIELDS = Set.of("traceId", "trace_id", "spanId", "span_id",
            "parentSpanId", "parent_span_id");
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(RetryInfo.getDescriptor()).build());

    private final ObjectMapper mapper;
    private final JsonFormat.Parser parser;
    private final int maxNesting;

    OtlpJson(int maxAttributeDepth) {
        // An AnyValue level costs at most 4 JSON levels ({"kvlistValue":{"values":[{"value":…}]}}); the
        // deepest path to an attribute (an exemplar's) takes 15. The margin lets a body one level too
        // deep be read, so that the refusal can name the field.
        this.maxNesting = 4 * (maxAttributeDepth + 1) + 24;
        this.mapper = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNesting).build())
                .build());
        this.parser = JsonFormat.parser().ignoringUnknownFields();
    }

    <R extends Message> R read(byte[] body, OtlpSignal<R> signal) {
        // The tree is dropped before the protobuf mapping reads the text: both are several times the body.
        String normalized = withBase64Ids(body);
        Message.Builder builder = signal.emptyRequest().newBuilderForType();
        try {
            parser.merge(normalized, builder);
        } catch (InvalidProtocolBufferException e) {
            // The mapping's JSON reader turns running out of heap or stack into a parse error; the text it
            // reads was just written from a tree, so such a failure says nothing about the request.
            VirtualMachineError exhausted = exhaustion(e);
            if (exhausted != null) {
                throw exhausted;
            }
            throw new InvalidExportException("the body is not a valid OTLP/JSON "
                    + signal.emptyRequest().getDescriptorForType().getName() + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        R request = (R) builder.build();
        return request;
    }

    private String withBase64Ids(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidExportException("the JSON body nests deeper than " + maxNesting
                    + " levels, beyond what vigil.ingest.receive.max-attribute-depth allows", e);
        } catch (JsonProcessingException e) {
            // Jackson names a redacted source in its locations; only line and column mean anything here.
            String problem = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidExportException("the body is not valid JSON: " + problem + at, e);
        } catch (IOException e) {
            throw new InvalidExportException("the body is not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidExportException("the body is empty; an empty OTLP/JSON request is {}");
        }
        if (!tree.isObject()) {
            throw new InvalidExportException("the JSON body must be an object, not " + tree.getNodeType());
        }
        hexIdsToBase64(tree, "");
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree just read is written back", e);
        }
    }

    /** The heap or stack error behind a parse failure, or null when the text itself is at fault. */
    static VirtualMachineError exhaustion(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError error) {
                return error;
            }
        }
        return null;
    }

    /** Recursion here is bounded by the nesting limit the tree was read with. */
    private static void hexIdsToBase64(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (ID_FIELDS.contains(field.getKey()) && value.isTextual()) {
                    field.setValue(new TextNode(base64(value.textValue(), path + "." + field.getKey())));
                } else if (value.isContainerNode()) {
                    hexIdsToBase64(value, path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode()) {
                    hexIdsToBase64(array.get(i), path + "[" + i + "]");
                }
            }
        }
    }

    private static String base64(String hex, String field) {
        try {
            return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidExportException(field.substring(field.startsWith(".") ? 1 : 0)
                    + " is not a hex string: '" + abbreviate(hex) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** A message in OTLP/JSON: the protobuf mapping is right for responses and statuses, which carry no ids. */
    static byte[] write(Message message) {
        try {
            return PRINTER.print(message).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("responses and statuses only hold types the printer knows", e);
        }
    }
}
