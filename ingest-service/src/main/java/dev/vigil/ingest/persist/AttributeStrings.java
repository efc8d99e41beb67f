package dev.vigil.ingest.persist;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Attribute values as the strings the Collector's ClickHouse exporter stores (pdata's
 * {@code Value.AsString}): strings as they are, numbers and booleans as Go prints them, bytes as
 * base64, arrays and maps as Go's {@code encoding/json} writes them, so rows written by Vigil and by
 * the exporter read the same.
 */
final class AttributeStrings {
    private AttributeStrings() {
    }

    /**
     * The attributes as a map in their order. A key that repeats keeps its first value, the one
     * pdata's {@code Map.Get} returns.
     */
    static Map<String, String> of(List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>(attributes.size() * 2);
        for (KeyValue kv : attributes) {
            map.putIfAbsent(kv.getKey(), of(kv.getValue()));
        }
        return map;
    }

    static String of(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> doubleValue(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value);
            case VALUE_NOT_SET -> "";
        };
    }

    static String doubleValue(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // What Go's encoder reports for a value JSON cannot hold, and so what pdata stores.
            return "json: unsupported value: " + (Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf");
        }
        return goFloat(d);
    }

    /** Go's encoding/json: an array or map with a NaN or infinity in it does not encode, and pdata stores "". */
    private static String json(AnyValue value) {
        StringBuilder out = new StringBuilder();
        return appendJson(out, value) ? out.toString() : "";
    }

    private static boolean appendJson(StringBuilder out, AnyValue value) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> appendJsonString(out, value.getStringValue());
            case BOOL_VALUE -> out.append(value.getBoolValue());
            case INT_VALUE -> out.append(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return false;
                }
                out.append(goFloat(d));
            }
            case BYTES_VALUE -> out.append('"')
                    .append(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray())).append('"');
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> values = value.getArrayValue().getValuesList();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!appendJson(out, values.get(i))) {
                        return false;
                    }
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                // Go encodes a map with its keys sorted; a repeated key keeps its last value, as in pdata's AsRaw.
                Map<String, AnyValue> sorted = new TreeMap<>();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    sorted.put(kv.getKey(), kv.getValue());
                }
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, AnyValue> e : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendJsonString(out, e.getKey());
                    out.append(':');
                    if (!appendJson(out, e.getValue())) {
                        return false;
                    }
                }
                out.append('}');
            }
            case VALUE_NOT_SET -> out.append("null");
        }
        return true;
    }

    /** Go's JSON string escaping, including its HTML-safe escapes of {@code < > &} and of U+2028/U+2029. */
    private static void appendJsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Go's shortest float formatting as encoding/json and pdata use it: plain decimal notation, and
     * exponent notation only below 1e-6 or from 1e21 on, with a two-digit exponent such as {@code 1e+21}
     * and {@code 1e-7}. Java's {@link Double#toString} gives the same shortest digits.
     */
    static String goFloat(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        if (absExponent < 10 && exponent > 0) {
            out.append('0');
        }
        out.append(absExponent);
        return out.toString();
    }
}
