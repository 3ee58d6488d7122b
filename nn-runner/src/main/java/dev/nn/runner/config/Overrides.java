package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.core.internal.SafeYaml;
import dev.nn.core.registry.OptionChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set path=value} overrides to a config tree before it is checked, so an
 * overridden value is checked exactly like one written in the file (and a misspelt path is an
 * unknown key, with a suggestion). Values are YAML: {@code 5} is a number, {@code [standardize]} a list.
 */
final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=\\s]+)((?:\\[[0-9]+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)]");

    private Overrides() {}

    /**
     * Applies each override in order to {@code root} (changed in place), recording the override as
     * the position of what it set. Overrides that cannot be applied add a problem whose
     * {@code where} is the override itself.
     */
    static void apply(
            Map<String, Object> root, List<String> overrides, SourcePositions positions, List<Problem> problems) {
        for (String text : overrides) {
            String where = "--set " + text;
            int eq = text.indexOf('=');
            List<Object> path = eq > 0 ? parsePath(text.substring(0, eq).strip()) : null;
            if (path == null) {
                problems.add(new Problem(
                        where,
                        "an override is path=value with a path such as train.epochs or"
                                + " model.layers[0].dense.units; got '" + text + "'"));
                continue;
            }
            Object value;
            try {
                String valueText = text.substring(eq + 1);
                value = valueText.isBlank() ? null : SafeYaml.value(valueText, where);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                continue;
            }
            String error = set(root, path, value);
            if (error != null) {
                problems.add(new Problem(where, error));
            } else {
                positions.putOverride(text(path, path.size()), where);
            }
        }
    }

    /** Keys (strings) and list indices (integers), or null when {@code path} is not an option path. */
    static List<Object> parsePath(String path) {
        List<Object> segments = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                return null;
            }
            segments.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                try {
                    segments.add(Integer.parseInt(index.group(1)));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return segments;
    }

    /** Sets {@code value} at {@code path}, creating maps on the way; returns what is wrong, or null. */
    private static String set(Map<String, Object> root, List<Object> path, Object value) {
        String full = text(path, path.size()) + ": ";
        Object container = root;
        for (int i = 0; i < path.size(); i++) {
            Object segment = path.get(i);
            boolean last = i == path.size() - 1;
            String parent = text(path, i);
            String here = text(path, i + 1);
            Object child;
            if (segment instanceof Integer index) {
                if (!(container instanceof List<?> list)) {
                    return full + parent + " is " + OptionChecker.describe(container) + ", not a list";
                }
                if (index >= list.size()) {
                    return full + parent + " has " + list.size() + " items, so the index must be below " + list.size();
                }
                @SuppressWarnings("unchecked")
                List<Object> items = (List<Object>) list;
                child = last ? value : descend(items.get(index), here, path.get(i + 1));
                if (child instanceof Problem problem) {
                    return full + problem.message();
                }
                items.set(index, child);
            } else {
                if (!(container instanceof Map<?, ?> untyped)) {
                    return full + parent + " is a list; name one of its items by index, such as " + parent + "[0]";
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) untyped;
                child = last ? value : descend(map.get((String) segment), here, path.get(i + 1));
                if (child instanceof Problem problem) {
                    return full + problem.message();
                }
                map.put((String) segment, child);
            }
            container = child;
        }
        return null;
    }

    /**
     * The container to continue into from {@code current} (at {@code here}) towards {@code next}: a
     * new map where nothing was, the component map for a bare component name ({@code relu} becomes
     * {@code {relu: {}}} when the path goes on into {@code relu}), or a {@link Problem} when the path
     * cannot go on.
     */
    private static Object descend(Object current, String here, Object next) {
        if (current == null) {
            return next instanceof Integer
                    ? new Problem(here, here + " is not set, so it has no item [" + next + "]")
                    : new LinkedHashMap<String, Object>();
        }
        if (current instanceof Map<?, ?> || current instanceof List<?>) {
            return current;
        }
        if (current instanceof String name && next instanceof String key) {
            if (name.equals(key)) {
                Map<String, Object> component = new LinkedHashMap<>();
                component.put(name, new LinkedHashMap<String, Object>());
                return component;
            }
            return new Problem(
                    here,
                    here + " is '" + name + "', not '" + key + "'; to replace it, set " + here + "={" + key
                            + ": {option: value}}");
        }
        return new Problem(here, here + " is " + OptionChecker.describe(current) + ", which has no settings inside");
    }

    /** The first {@code count} segments as an option path: {@code model.layers[0].dense}. */
    static String text(List<Object> path, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Object segment = path.get(i);
            if (segment instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
