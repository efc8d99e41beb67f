package dev.vigil.alert.evaluate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in annotation templates, in the subset of Prometheus' syntax that alerts need:
 * {@code {{ $value }}} and {@code {{ $labels.name }}}. Anything else is left as written.
 */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\$(value|labels\\.([A-Za-z_][A-Za-z0-9_.]*))\\s*}}");

    private Templates() {
    }

    static Map<String, String> expand(Map<String, String> templates, double value, Map<String, String> labels) {
        Map<String, String> expanded = new LinkedHashMap<>();
        templates.forEach((name, template) -> expanded.put(name, expand(template, value, labels)));
        return expanded;
    }

    static String expand(String template, double value, Map<String, String> labels) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) == null ? format(value) : labels.getOrDefault(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Four significant digits, no exponent, no trailing zeros: 0.5, 1234, 0.0001235. */
    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }
}
