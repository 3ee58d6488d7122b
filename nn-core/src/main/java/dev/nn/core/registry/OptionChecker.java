package dev.nn.core.registry;

import dev.nn.api.ComponentRef;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a spec's options against its provider's declarations: one place, so YAML and the builder agree. */
final class OptionChecker {
    private final PluginRegistry registry;
    private final Path baseDir;
    private final List<Problem> problems = new ArrayList<>();

    OptionChecker(PluginRegistry registry, Path baseDir) {
        this.registry = registry;
        this.baseDir = baseDir;
    }

    List<Problem> problems() {
        return problems;
    }

    void problem(String where, String message) {
        problems.add(new Problem(where, message));
    }

    /** The checked options of {@code spec} for {@code provider}; problems are collected, never thrown. */
    Options check(Provider provider, Spec spec, String where) {
        String kindName = provider.name();
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            declared.put(option.name(), option);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        for (Map.Entry<String, Object> entry : spec.options().entrySet()) {
            String key = entry.getKey();
            OptionSpec option = declared.get(key);
            String path = join(where, key);
            if (option == null) {
                problem(path, "unknown option '" + key + "' for " + kindName + DidYouMean.hint(key, declared.keySet())
                        + (declared.isEmpty() ? "; " + kindName + " takes no options"
                        : "; its options are: " + String.join(", ", declared.keySet())));
                continue;
            }
            Object value = convert(option, entry.getValue(), path, true);
            if (value != null) {
                values.put(key, value);
                given.add(key);
            }
        }
        for (OptionSpec option : declared.values()) {
            if (given.contains(option.name())) {
                continue;
            }
            boolean mentioned = spec.options().containsKey(option.name());
            if (option.defaultValue() != null) {
                Object value = convert(option, option.defaultValue(), join(where, option.name()), false);
                if (value != null) {
                    values.put(option.name(), value);
                }
            } else if (option.isRequired() && !mentioned) {
                problem(join(where, option.name()), "missing required option '" + option.name() + "' for " + kindName
                        + (option.description().isEmpty() ? "" : " (" + option.description() + ")"));
            }
        }
        // Keep declaration order, which is what people read in `nn plugins`.
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : declared.keySet()) {
            if (values.containsKey(name)) {
                ordered.put(name, values.get(name));
            }
        }
        return Options.of(where, ordered, given);
    }

    private Object convert(OptionSpec option, Object raw, String path, boolean fromUser) {
        if (raw == null) {
            if (option.type() == OptionSpec.Type.COMPONENT) {
                return null;
            }
            problem(path, "option '" + option.name() + "' needs a value");
            return null;
        }
        String expected = switch (option.type()) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case PATH -> "a file path";
            case COMPONENT -> "a " + option.componentKind().label() + " name or {name: {options}}";
        };
        Object value = switch (option.type()) {
            case INTEGER -> toInteger(raw);
            case NUMBER -> raw instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case STRING -> raw instanceof String || raw instanceof Number || raw instanceof Boolean ? String.valueOf(raw) : null;
            case PATH -> raw instanceof Path p ? baseDir.resolve(p).normalize()
                    : raw instanceof String s && !s.isBlank() ? baseDir.resolve(s).normalize() : null;
            case COMPONENT -> toSpec(raw);
        };
        if (value == null) {
            problem(path, "option '" + option.name() + "' must be " + expected + ", got " + describe(raw));
            return null;
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            // No option means anything by an infinite value; a learning rate of .inf only diverges later.
            problem(path, "option '" + option.name() + "' must be a finite number, got " + raw);
            return null;
        }
        if (value instanceof Number n && !inRange(option, n.doubleValue())) {
            problem(path, "option '" + option.name() + "' must be in " + option.rangeText() + ", got " + raw);
            return null;
        }
        if (value instanceof String s && !option.choices().isEmpty() && !option.choices().contains(s)) {
            problem(path, "option '" + option.name() + "' must be one of " + String.join(", ", option.choices())
                    + ", got '" + s + "'" + DidYouMean.hint(s, option.choices()));
            return null;
        }
        if (value instanceof Spec nested) {
            if (nested.name().equals("none")) {
                return null;
            }
            String nestedPath = path + "." + nested.name();
            Provider provider = registry.providers(option.componentKind()).get(nested.name());
            if (provider == null) {
                problem(path, registry.unknownMessage(option.componentKind(), nested.name()));
                return null;
            }
            int before = problems.size();
            check(provider, nested, nestedPath);
            return problems.size() == before ? nested : null;
        }
        return value;
    }

    private static Object toInteger(Object raw) {
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).intValue();
        }
        if (raw instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Spec toSpec(Object raw) {
        if (raw instanceof Spec s) {
            return s;
        }
        if (raw instanceof String s && !s.isBlank()) {
            return new ComponentRef(s, Map.of());
        }
        if (raw instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            if (e.getKey() instanceof String name) {
                if (e.getValue() == null) {
                    return new ComponentRef(name, Map.of());
                }
                if (e.getValue() instanceof Map<?, ?> options) {
                    return new ComponentRef(name, (Map<String, Object>) options);
                }
            }
        }
        return null;
    }

    private static boolean inRange(OptionSpec option, double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        if (option.min() != null && (option.minExclusive() ? v <= option.min() : v < option.min())) {
            return false;
        }
        return option.max() == null || (option.maxExclusive() ? v < option.max() : v <= option.max());
    }

    static String describe(Object raw) {
        if (raw instanceof String s) {
            return "\"" + s + "\" (a string)";
        }
        if (raw instanceof Map<?, ?>) {
            return "a map " + raw;
        }
        if (raw instanceof List<?>) {
            return "a list " + raw;
        }
        if (raw instanceof Double || raw instanceof Float) {
            return raw + " (a decimal number)";
        }
        return String.valueOf(raw);
    }

    static String join(String where, String key) {
        return where == null || where.isEmpty() ? key : where + "." + key;
    }
}
