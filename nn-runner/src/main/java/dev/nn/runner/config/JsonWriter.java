package dev.nn.runner.config;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes plain values (maps, lists, strings, numbers, booleans, null) as indented JSON text. */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();

    private JsonWriter() {}

    /**
     * {@return {@code value} as JSON, ending with a newline. NaN and infinities (not JSON) are written as null}
     *
     * @param value plain maps, lists, strings, numbers, booleans and nulls
     */
    public static String write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.value(value, 0);
        return writer.out.append('\n').toString();
    }

    private void value(Object value, int indent) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof Map<?, ?> map) {
            map(map, indent);
        } else if (value instanceof List<?> list) {
            list(list, indent);
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName());
        }
    }

    private void map(Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            newline(indent + 1);
            out.append(quote(String.valueOf(entry.getKey()))).append(": ");
            value(entry.getValue(), indent + 1);
            if (entries.hasNext()) {
                out.append(',');
            }
        }
        newline(indent);
        out.append('}');
    }

    private void list(List<?> list, int indent) {
        boolean flat = list.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (flat) {
                out.append(i == 0 ? "" : ", ");
            } else {
                newline(indent + 1);
            }
            value(list.get(i), indent + 1);
            if (!flat && i < list.size() - 1) {
                out.append(',');
            }
        }
        if (!flat && !list.isEmpty()) {
            newline(indent);
        }
        out.append(']');
    }

    private void newline(int indent) {
        out.append('\n').append("  ".repeat(indent));
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code s} as a JSON string literal: quotes, backslashes, control characters and lone surrogates escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
