package dev.nn.runner.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each setting of a pipeline came from, so an error about an option path can name the
 * file, line and column a person has to edit (or the {@code --set} that gave the value).
 */
public final class SourcePositions {
    /** Orders positions as a person reads them: the file top to bottom, then the --set overrides in order. */
    static final Comparator<Position> READING_ORDER = Comparator.comparingInt(Position::order)
            .thenComparingInt(Position::line)
            .thenComparingInt(Position::column);

    private final String source;
    private final Map<String, Position> byPath = new HashMap<>();
    private int overrides;

    SourcePositions(String source) {
        this.source = source;
    }

    /** One place: a file position (1-based line and column) or an override ({@code line} 0). */
    record Position(String text, int order, int line, int column) {}

    /** {@return the config file as it was named to the loader ({@code configs/digits.yaml})} */
    public String source() {
        return source;
    }

    /**
     * Where {@code optionPath} was set: {@code "file.yaml:LINE:COL"} (1-based) of the closest
     * enclosing setting found in the file, {@code "--set path=value"} for a value from the command
     * line, or the file name alone when nothing in it is known.
     *
     * @param optionPath a setting's path in the config
     * @return its place
     */
    public String locate(String optionPath) {
        return find(optionPath).text();
    }

    Position find(String optionPath) {
        String path = optionPath == null ? "" : optionPath;
        while (true) {
            Position position = byPath.get(path);
            if (position != null) {
                return position;
            }
            if (path.isEmpty()) {
                return new Position(source, 0, 0, 0);
            }
            path = parent(path);
        }
    }

    void put(String path, int line, int column) {
        byPath.put(path, new Position(source + ":" + line + ":" + column, 0, line, column));
    }

    /** Everything at and below {@code path} now comes from the override {@code text}. */
    void putOverride(String path, String text) {
        overrides++;
        List<String> replaced = new ArrayList<>();
        for (String known : byPath.keySet()) {
            if (isWithin(known, path)) {
                replaced.add(known);
            }
        }
        replaced.forEach(byPath::remove);
        byPath.put(path, new Position(text, overrides, 0, overrides));
    }

    /** The option path one level up: {@code a.b[2].c} → {@code a.b[2]} → {@code a.b} → {@code a} → "". */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static boolean isWithin(String path, String prefix) {
        return path.equals(prefix)
                || prefix.isEmpty()
                || path.startsWith(prefix)
                        && (path.charAt(prefix.length()) == '.' || path.charAt(prefix.length()) == '[');
    }
}
