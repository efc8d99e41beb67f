package dev.vigil.ingest.pipeline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML into {@link YamlNode}s through Jackson's streaming parser: no data binding, hence no
 * reflection, and every node keeps its line. A key written twice in one mapping is an error, not a
 * silent overwrite.
 */
final class YamlReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlReader() {
    }

    static YamlNode read(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Null(1);
            }
            return node(parser);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // SnakeYAML knows where the problem itself is, which may be after where the construct began.
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
            }
            throw new PipelineConfigException("line " + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
    }

    private static YamlNode node(JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    YamlNode value = node(parser);
                    if (entries.putIfAbsent(key, new YamlNode.Entry(key, keyLine, value)) != null) {
                        throw new PipelineConfigException("line " + keyLine + ": key '" + key
                                + "' appears twice in the mapping of line " + line);
                    }
                }
                return new YamlNode.Mapping(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser));
                }
                return new YamlNode.Sequence(line, items);
            }
            case VALUE_NULL -> {
                return new YamlNode.Null(line);
            }
            case VALUE_STRING -> {
                return new YamlNode.Scalar(line, parser.getText(), true);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(line, parser.getText(), false);
            }
            default -> throw new PipelineConfigException("line " + line + ": unexpected YAML token " + token);
        }
    }
}
