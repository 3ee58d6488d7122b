package dev.nn.core.registry;

import dev.nn.api.ComponentKind;
import dev.nn.api.ComponentRef;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.OptionSpec;
import dev.nn.api.OptionSpec.Type;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks values against {@link OptionSpec}s: a provider's options, and the sections of a pipeline
 * (or of the trainer's settings) declared the same way. One place, so YAML and the builders agree
 * on every type, range and message. Problems are collected under their option paths, never thrown.
 */
public final class OptionChecker {
    private final PluginRegistry registry;
    private final Path baseDir;
    private final Resolver resolver;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * Checks some values itself, where the types alone do not say enough (the files a config names).
     */
    public interface Resolver {
        /**
         * {@return true when {@link #resolve} checks the values of {@code option} instead of the checker}
         *
         * @param option a key of a section, or the item spec of a list
         */
        boolean handles(OptionSpec option);

        /**
         * {@return the value to keep for {@code raw}, or null after adding a problem to the checker}
         *
         * @param option the key
         * @param raw    the value given (never null)
         * @param path   its option path
         */
        Object resolve(OptionSpec option, Object raw, String path);
    }

    /**
     * A checker that resolves component names in {@code registry} and relative paths against {@code baseDir}.
     *
     * @param registry the registry, or null when no component is checked
     * @param baseDir  what relative paths are resolved against
     */
    public OptionChecker(PluginRegistry registry, Path baseDir) {
        this(registry, baseDir, null);
    }

    /**
     * A checker that leaves the options {@code resolver} handles to it.
     *
     * @param registry the registry, or null when no component is checked
     * @param baseDir  what relative paths are resolved against
     * @param resolver checks what the types alone cannot, or null
     */
    public OptionChecker(PluginRegistry registry, Path baseDir, Resolver resolver) {
        this.registry = registry;
        this.baseDir = baseDir;
        this.resolver = resolver;
    }

    /**
     * {@return the checked values of {@code values} against {@code section}, defaults filled in}
     *
     * @param registry resolves component names (null when the section has none)
     * @param section  the declaration
     * @param values   the values given; null ones count as not given
     * @param path     the section's option path ({@code "train"}, or {@code ""})
     * @throws ConfigException listing every problem
     */
    public static Map<String, Object> checked(
            PluginRegistry registry, OptionSpec section, Map<String, ?> values, String path) {
        Map<String, Object> given = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        OptionChecker checker = new OptionChecker(registry, Path.of("").toAbsolutePath());
        Map<String, Object> resolved = checker.section(section, given, path);
        if (!checker.problems.isEmpty()) {
            throw new ConfigException(checker.problems);
        }
        return resolved;
    }

    /** {@return every problem found so far (the list itself: callers may add theirs)} */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * {@return null, after adding a problem}
     *
     * @param where   the option path
     * @param message what is wrong
     */
    public Object problem(String where, String message) {
        problems.add(new Problem(where, message));
        return null;
    }

    /**
     * {@return the checked values of the section {@code raw}, in declaration order with defaults filled in; null if it is not a map}
     *
     * @param section the declaration
     * @param raw     the value given
     * @param path    the section's option path ({@code ""} for the top level)
     */
    public Map<String, Object> section(OptionSpec section, Object raw, String path) {
        if (!(raw instanceof Map<?, ?> map)) {
            problem(
                    path,
                    (path.isEmpty() ? "the top level must be" : "must be") + " a map of settings ("
                            + String.join(", ", section.keyNames()) + "), got " + describe(raw));
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> given = (Map<String, Object>) map;
        for (String name : given.keySet()) {
            if (section.key(name) == null) {
                List<String> known = section.keyNames();
                problem(
                        join(path, name),
                        (path.isEmpty()
                                        ? "unknown top-level key '" + name + "'"
                                        : "unknown key '" + name + "' in " + path)
                                + DidYouMean.hint(name, known) + "; "
                                + (path.isEmpty() ? "the top-level keys are: " : "its keys are: ")
                                + String.join(", ", known));
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (OptionSpec key : section.options()) {
            String at = join(path, key.name());
            Object value;
            if (given.get(key.name()) != null) {
                value = value(key, given.get(key.name()), at);
            } else if (given.containsKey(key.name()) && key.type() != Type.SECTION) {
                problem(
                        at,
                        "needs a value"
                                + (key.defaultValue() != null
                                        ? "; remove the key to use the default, " + shortText(key.defaultValue())
                                        : key.isRequired() ? "" : "; remove the key to leave it unset"));
                continue;
            } else if (key.isRequired()) {
                problem(
                        at,
                        "missing required " + (key.type() == Type.SECTION ? "section" : "key") + " '" + key.name() + "'"
                                + (path.isEmpty() ? "" : " in " + path) + " (" + key.description() + ")");
                continue;
            } else if (key.type() == Type.SECTION && (given.containsKey(key.name()) || key.defaultValue() != null)) {
                value = section(key, Map.of(), at);
            } else if (key.defaultValue() != null) {
                value = value(key, key.defaultValue(), at);
            } else {
                continue;
            }
            if (value != null) {
                resolved.put(key.name(), value);
            }
        }
        return resolved;
    }

    /** A section's key (or a list's item): the resolver's if it takes it, else checked by its type. */
    private Object value(OptionSpec key, Object raw, String path) {
        if (resolver != null && resolver.handles(key)) {
            return resolver.resolve(key, raw, path);
        }
        return switch (key.type()) {
            case SECTION -> section(key, raw, path);
            case LIST -> list(key, raw, path);
            case MAP -> map(key, raw, path, "");
            default -> convert(key, raw, path, "");
        };
    }

    /**
     * A map from names the user chooses to values of the one item spec, each checked at {@code path.name};
     * an item that is a section may be left empty (all its defaults).
     */
    private Object map(OptionSpec key, Object raw, String path, String subject) {
        OptionSpec item = key.options().get(0);
        if (!(raw instanceof Map<?, ?> given)) {
            return problem(
                    path,
                    subject + "must be a map from " + item.name() + " names to "
                            + (item.type() == Type.SECTION
                                    ? "their settings (" + String.join(", ", item.keyNames()) + ")"
                                    : item.type().label() + "s")
                            + ", got " + describe(raw));
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String at = join(path, name);
            Object value = entry.getValue() != null
                    ? value(item, entry.getValue(), at)
                    : item.type() == Type.SECTION ? section(item, Map.of(), at) : problem(at, "needs a value");
            ok &= value != null;
            resolved.put(name, value);
        }
        return ok ? resolved : null;
    }

    private Object list(OptionSpec key, Object raw, String path) {
        OptionSpec item = key.options().get(0);
        boolean component = item.type() == Type.COMPONENT;
        if (!(raw instanceof List<?> items)) {
            return problem(
                    path,
                    "must be a list"
                            + (!item.choices().isEmpty()
                                    ? ", such as [" + String.join(", ", item.choices()) + "]"
                                    : component ? " of " + item.componentKind().plural() : "")
                            + ", got " + describe(raw));
        }
        if (key.isRequired() && items.isEmpty()) {
            return problem(
                    path,
                    "needs at least one " + (component ? item.componentKind().label() : "item"));
        }
        List<Object> resolved = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            Object value = items.get(i) == null
                    ? problem(path + "[" + i + "]", "needs a value")
                    : value(item, items.get(i), path + "[" + i + "]");
            ok &= value != null;
            resolved.add(value);
        }
        return ok ? resolved : null;
    }

    /**
     * The checked options of {@code spec} for {@code provider}; problems are collected, never thrown.
     *
     * @param provider the provider whose options are declared
     * @param spec     the name and options given
     * @param where    the option path of the options ({@code model.layers[0].dense})
     * @return the options, meaningful only when no problem was added
     */
    public Options check(Provider provider, Spec spec, String where) {
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
                problem(
                        path,
                        "unknown option '" + key + "' for " + kindName + DidYouMean.hint(key, declared.keySet())
                                + (declared.isEmpty()
                                        ? "; " + kindName + " takes no options"
                                        : "; its options are: " + String.join(", ", declared.keySet())));
                continue;
            }
            Object value = option(option, entry.getValue(), path);
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
                Object value = option(option, option.defaultValue(), join(where, option.name()));
                if (value != null) {
                    values.put(option.name(), value);
                }
            } else if (option.isRequired() && !mentioned) {
                problem(
                        join(where, option.name()),
                        "missing required option '" + option.name() + "' for " + kindName
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

    /** A provider's option: null switches a component off; anything else is checked by its type. */
    private Object option(OptionSpec option, Object raw, String path) {
        if (raw == null) {
            return option.type() == Type.COMPONENT
                    ? null
                    : problem(path, "option '" + option.name() + "' needs a value");
        }
        if (option.type() == Type.LIST) {
            return listOption(option, raw, path);
        }
        if (option.type() == Type.MAP) {
            return map(option, raw, path, "option '" + option.name() + "' ");
        }
        return convert(option, raw, path, "option '" + option.name() + "' ");
    }

    /**
     * A provider's list of numbers, strings or booleans: a list, one of its {@link OptionSpec#choices}
     * (a word given instead of a list, such as {@code balanced}), or one item alone, which is a list of one.
     */
    private Object listOption(OptionSpec option, Object raw, String path) {
        OptionSpec item = option.options().get(0);
        if (raw instanceof String s && option.choices().contains(s)) {
            return s;
        }
        if (raw instanceof List<?>) {
            return list(option, raw, path);
        }
        if (!(raw instanceof Map<?, ?>) && !(raw instanceof String && item.type() != Type.STRING)) {
            Object one = convert(item, raw, path, "option '" + option.name() + "' ");
            return one == null ? null : List.of(one);
        }
        String range = rangeText(item);
        return problem(
                path,
                "option '" + option.name() + "' must be a list of "
                        + item.type().label() + "s"
                        + (range.isEmpty() ? "" : " (each " + range + ")")
                        + (option.choices().isEmpty() ? "" : ", or " + String.join(", ", option.choices()))
                        + ", got " + describe(raw)
                        + (raw instanceof String s && !option.choices().isEmpty()
                                ? DidYouMean.hint(s, option.choices())
                                : ""));
    }

    /** {@code raw} as the option's type, in range and among its choices, or null after adding a problem. */
    private Object convert(OptionSpec option, Object raw, String path, String subject) {
        if (option.type() == Type.COMPONENT) {
            return component(option, raw, path, subject);
        }
        Object value = switch (option.type()) {
            case INTEGER -> toInteger(raw);
            case LONG -> raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue() : null;
            case NUMBER -> raw instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case STRING ->
                raw instanceof String || raw instanceof Number || raw instanceof Boolean ? String.valueOf(raw) : null;
            case PATH ->
                raw instanceof Path p
                        ? baseDir.resolve(p).normalize()
                        : raw instanceof String s && !s.isBlank()
                                ? baseDir.resolve(s).normalize()
                                : null;
            default ->
                throw new IllegalArgumentException("option '" + option.name() + "' is declared as a "
                        + option.type().label() + ", which only the pipeline's own keys can be");
        };
        if (value == null) {
            String expected = switch (option.type()) {
                case INTEGER -> raw instanceof Long ? "an integer that fits 32 bits" : "an integer";
                case LONG -> "an integer";
                case NUMBER -> "a number";
                case BOOLEAN -> "true or false";
                case STRING -> "a string";
                default -> "a file path";
            };
            return problem(path, subject + "must be " + expected + rangeSuffix(option) + ", got " + describe(raw));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            // No option means anything by an infinite value; a learning rate of .inf only diverges later.
            return problem(path, subject + "must be a finite number" + rangeSuffix(option) + ", got " + raw);
        }
        if (value instanceof Number n && !inRange(option, n.doubleValue())) {
            return problem(path, subject + "must be " + rangeText(option) + ", got " + raw);
        }
        if (value instanceof String s
                && !option.choices().isEmpty()
                && !option.choices().contains(s)) {
            return problem(
                    path,
                    subject + "must be one of " + String.join(", ", option.choices()) + ", got '" + s + "'"
                            + DidYouMean.hint(s, option.choices()));
        }
        if (value instanceof String s && option.pattern() != null && !s.matches(option.pattern())) {
            return problem(path, subject + "must match " + option.pattern() + ", got '" + s + "'");
        }
        return value;
    }

    /** A component reference, its options checked by its provider; "none" switches it off. */
    private Object component(OptionSpec option, Object raw, String path, String subject) {
        Spec spec = reference(withArticle(option.componentKind()), raw, path, subject);
        if (spec == null || spec.name().equals("none") && !subject.isEmpty()) {
            return null;
        }
        Provider provider = registry.providers(option.componentKind()).get(spec.name());
        if (provider == null) {
            return problem(path, registry.unknownMessage(option.componentKind(), spec.name()));
        }
        int before = problems.size();
        try {
            check(provider, spec, path + "." + spec.name());
        } catch (IllegalArgumentException e) {
            // A path option that the file system cannot take ("a\0b") throws instead of adding a problem.
            return problem(
                    path, "cannot be checked: " + String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?"));
        }
        return problems.size() == before ? spec : null;
    }

    /**
     * {@return {@code relu} or {@code {sgd: {lr: 0.1}}} as a spec, or null after adding a problem}
     *
     * @param what    what it names, with its article ({@code "a layer"})
     * @param raw     the value given
     * @param path    its option path
     * @param subject how messages start ({@code "option 'init' "}, or empty)
     */
    public Spec reference(String what, Object raw, String path, String subject) {
        if (raw instanceof Spec s) {
            return s;
        }
        if (raw instanceof String name && !name.isBlank()) {
            return new ComponentRef(name, Map.of());
        }
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String name = String.valueOf(entry.getKey());
            if (entry.getValue() == null) {
                return new ComponentRef(name, Map.of());
            }
            if (entry.getValue() instanceof Map<?, ?> options) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) options;
                return new ComponentRef(name, typed);
            }
            problem(
                    path + "." + name,
                    "the options of " + name + " must be a map, like {" + name + ": {option: value}}, got "
                            + describe(entry.getValue()));
            return null;
        }
        if (raw instanceof Map<?, ?> map && map.size() > 1) {
            List<String> keys = map.keySet().stream().map(String::valueOf).toList();
            problem(
                    path,
                    subject + "must be " + what + " name or a map with that one name as its key, but this map has "
                            + map.size() + " keys (" + String.join(", ", keys)
                            + "); put the options under the name, like {"
                            + keys.get(0) + ": {option: value}}");
            return null;
        }
        problem(path, subject + "must be " + what + " name or {name: {options}}, got " + describe(raw));
        return null;
    }

    /**
     * {@return "a layer", "an optimizer": the kind's label with its article}
     *
     * @param kind the kind
     */
    public static String withArticle(ComponentKind kind) {
        String label = kind.label();
        return ("aeiou".indexOf(label.toLowerCase(Locale.ROOT).charAt(0)) >= 0 ? "an " : "a ") + label;
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

    private static boolean inRange(OptionSpec option, double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        if (option.min() != null && (option.minExclusive() ? v <= option.min() : v < option.min())) {
            return false;
        }
        return option.max() == null || (option.maxExclusive() ? v < option.max() : v <= option.max());
    }

    /**
     * {@return the allowed range in words, as every message says it: "at least 1", "above 0", "in [0, 1)"; empty when unbounded}
     *
     * @param option the option
     */
    public static String rangeText(OptionSpec option) {
        Double min = option.min();
        Double max = option.max();
        if (min != null && max != null) {
            return "in " + option.rangeText();
        }
        if (min != null) {
            return (option.minExclusive() ? "above " : "at least ") + format(min);
        }
        return max == null ? "" : (option.maxExclusive() ? "below " : "at most ") + format(max);
    }

    private static String rangeSuffix(OptionSpec option) {
        String range = rangeText(option);
        return range.isEmpty() ? "" : " (" + range + ")";
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * {@return a value as a person reads it in a message: {@code "x" (a string)}, {@code a map {a: 1}}}
     *
     * @param raw the value
     */
    public static String describe(Object raw) {
        if (raw == null) {
            return "nothing";
        }
        if (raw instanceof String s) {
            return "\"" + s + "\" (a string)";
        }
        if (raw instanceof Map<?, ?>) {
            return "a map " + shortText(raw);
        }
        if (raw instanceof List<?>) {
            return "a list " + shortText(raw);
        }
        if (raw instanceof Double || raw instanceof Float) {
            return raw + " (a decimal number)";
        }
        return String.valueOf(raw);
    }

    /** {@code value} in YAML flow style, cut short if long. */
    private static String shortText(Object value) {
        String text = flow(value);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "")
                    .append(k)
                    .append(": ")
                    .append(flow(v)));
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            list.forEach(v -> sb.append(sb.length() > 1 ? ", " : "").append(flow(v)));
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    static String join(String where, String key) {
        return where == null || where.isEmpty() ? key : where + "." + key;
    }
}
