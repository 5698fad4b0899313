package io.pandu.playbook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Line numbers of every value in a YAML document, by JSON-style path ({@code stages[2].plays[0]}),
 * so validators working on the mapped objects can still point at the line an author must fix.
 */
public final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLocations() {}

    public static YamlLocations of(String yaml) {
        YamlLocations result = new YamlLocations();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            Deque<Object> path = new ArrayDeque<>(); // String field names and int[] array counters
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                switch (token) {
                    case FIELD_NAME -> {
                        if (!path.isEmpty() && path.peek() instanceof String) {
                            path.pop();
                        }
                        path.push(parser.currentName());
                        result.lines.put(render(path), line);
                    }
                    case START_ARRAY, START_OBJECT -> {
                        advanceIndex(path);
                        result.lines.putIfAbsent(render(path), line);
                        if (token == JsonToken.START_ARRAY) {
                            path.push(new int[] {-1});
                        } else {
                            path.push(OBJECT);
                        }
                    }
                    case END_ARRAY -> path.pop();
                    case END_OBJECT -> {
                        if (!path.isEmpty() && path.peek() instanceof String) {
                            path.pop();
                        }
                        path.pop();
                    }
                    default -> {
                        advanceIndex(path);
                        result.lines.putIfAbsent(render(path), line);
                    }
                }
            }
        } catch (IOException e) {
            // a document that does not parse has no locations; the loader reports the parse error
        }
        return result;
    }

    private static final Object OBJECT = new Object();

    private static void advanceIndex(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof int[] counter) {
            counter[0]++;
        }
    }

    private static String render(Deque<Object> path) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            Object part = it.next();
            if (part instanceof String name) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(name);
            } else if (part instanceof int[] counter && counter[0] >= 0) {
                sb.append('[').append(counter[0]).append(']');
            }
        }
        return sb.toString();
    }

    /** Line of the value at a path, or of its nearest ancestor; 1 when nothing is known. */
    public int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 1;
    }
}
