package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.InputFiles;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.DidYouMean;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.config.PipelineFormat.Key;
import dev.nn.runner.config.PipelineFormat.Shape;
import dev.nn.runner.config.PipelineFormat.Step;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a pipeline tree against {@link PipelineFormat} and the plugin registry and fills in every
 * default, collecting all problems (each under its option path) rather than stopping at the first.
 */
final class ConfigChecker {
    private final PluginRegistry registry;
    private final Path baseDir;
    private final String defaultName;
    private final List<Problem> problems = new ArrayList<>();

    ConfigChecker(PluginRegistry registry, Path baseDir, String defaultName) {
        this.registry = registry;
        this.baseDir = baseDir;
        this.defaultName = defaultName;
    }

    /** Every problem found, each with an option path as {@code where}. */
    List<Problem> problems() {
        return problems;
    }

    /** The resolved tree: what was given, checked, with every default filled in; meaningful only without problems. */
    Map<String, Object> check(Object root) {
        if (!(root instanceof Map<?, ?> map)) {
            problems.add(new Problem("", "the top level must be a map of settings (" + String.join(", ",
                    PipelineFormat.ROOT.keyNames()) + "), got " + describe(root)));
            return Map.of();
        }
        Map<String, Object> resolved = section(PipelineFormat.ROOT, asMap(map), "");
        crossCheck(resolved);
        return resolved;
    }

    /** The checked plugin paths of {@code root}, alone: the registry has to know them before anything else is checked. */
    List<String> plugins(Object root) {
        Key key = PipelineFormat.ROOT.key("plugins");
        if (root instanceof Map<?, ?> map && map.get(key.name()) != null) {
            Object value = value(key, map.get(key.name()), key.name());
            return value == null ? List.of() : asStrings(value);
        }
        return List.of();
    }

    private Map<String, Object> section(Key section, Map<String, Object> given, String path) {
        for (String name : given.keySet()) {
            if (section.key(name) == null) {
                unknownKey(section, name, path);
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Key key : section.keys()) {
            String at = join(path, key.name());
            Object raw = given.get(key.name());
            Object value;
            if (raw != null) {
                value = value(key, raw, at);
            } else if (given.containsKey(key.name()) && key.shape() != Shape.SECTION) {
                problems.add(new Problem(at, "needs a value" + (key.defaultValue() != null
                        ? "; remove the key to use the default, " + shortText(key.defaultValue())
                        : key.isRequired() ? "" : "; remove the key to leave it unset")));
                continue;
            } else if (key.isRequired()) {
                problems.add(new Problem(at, "missing required " + (key.shape() == Shape.SECTION ? "section" : "key")
                        + " '" + key.name() + "'" + (path.isEmpty() ? "" : " in " + path) + " (" + key.description() + ")"));
                continue;
            } else if (key.shape() == Shape.SECTION && (given.containsKey(key.name()) || key.defaultValue() != null)) {
                value = section(key, Map.of(), at);
            } else if (at.equals("name")) {
                value = defaultName;
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

    private void unknownKey(Key section, String name, String path) {
        List<String> known = section.keyNames();
        String where = path.isEmpty() ? "unknown top-level key '" + name + "'" : "unknown key '" + name + "' in " + path;
        problems.add(new Problem(join(path, name), where + DidYouMean.hint(name, known) + "; "
                + (path.isEmpty() ? "the top-level keys are: " : "its keys are: ") + String.join(", ", known)));
    }

    private Object value(Key key, Object raw, String path) {
        return switch (key.shape()) {
            case SECTION -> raw instanceof Map<?, ?> map ? section(key, asMap(map), path)
                    : bad(path, "must be a map of settings (" + String.join(", ", key.keyNames()) + "), got " + describe(raw));
            case INTEGER, LONG, NUMBER -> number(key, raw, path);
            case BOOLEAN -> raw instanceof Boolean ? raw : bad(path, "must be true or false, got " + describe(raw));
            case STRING -> string(key, raw, path);
            case COMPONENT -> component(key.kind(), raw, path);
            case COMPONENT_LIST, STEP_LIST, CHOICE_LIST, PATH_LIST -> list(key, raw, path);
        };
    }

    private Object number(Key key, Object raw, String path) {
        Object value = switch (key.shape()) {
            case INTEGER -> raw instanceof Integer ? raw : null;
            case LONG -> raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue() : null;
            default -> raw instanceof Number n ? (Object) n.doubleValue() : null;
        };
        if (value == null) {
            String expected = key.shape() == Shape.NUMBER ? "a number" : raw instanceof Long ? "an integer that fits"
                    + " 32 bits" : "an integer";
            return bad(path, "must be " + expected + rangeSuffix(key) + ", got " + describe(raw));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return bad(path, "must be a finite number" + rangeSuffix(key) + ", got " + raw);
        }
        if (!key.inRange(((Number) value).doubleValue())) {
            return bad(path, "must be " + key.rangeText() + ", got " + raw);
        }
        return value;
    }

    private static String rangeSuffix(Key key) {
        String range = key.rangeText();
        return range.isEmpty() ? "" : " (" + range + ")";
    }

    private Object string(Key key, Object raw, String path) {
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            return bad(path, "must be a string, got " + describe(raw));
        }
        String s = String.valueOf(raw);
        if (!key.choices().isEmpty() && !key.choices().contains(s)) {
            return bad(path, "must be one of " + String.join(", ", key.choices()) + ", got '" + s + "'"
                    + DidYouMean.hint(s, key.choices()));
        }
        if (key.pattern() != null && !s.matches(key.pattern())) {
            return bad(path, "must start with a letter or digit and hold only letters, digits, '.', '_' and '-',"
                    + " since it names the run folder; got '" + s + "'");
        }
        return s;
    }

    private Object list(Key key, Object raw, String path) {
        if (!(raw instanceof List<?> items)) {
            return bad(path, "must be a list, such as " + listExample(key) + ", got " + describe(raw));
        }
        if (key.isRequired() && items.isEmpty()) {
            return bad(path, "needs at least one item, such as " + listExample(key));
        }
        List<Object> resolved = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String at = path + "[" + i + "]";
            Object item = items.get(i);
            Object value = switch (key.shape()) {
                case COMPONENT_LIST -> component(key.kind(), item, at);
                case STEP_LIST -> step(item, at);
                case CHOICE_LIST -> string(key, item, at);
                default -> file(item, at);
            };
            ok &= value != null;
            resolved.add(value);
        }
        return ok ? resolved : null;
    }

    private static String listExample(Key key) {
        return switch (key.shape()) {
            case COMPONENT_LIST -> "[{dense: {units: 10}}, relu]";
            case STEP_LIST -> "[standardize]";
            case CHOICE_LIST -> "[" + String.join(", ", key.choices()) + "]";
            default -> "[plugins/]";
        };
    }

    /** A component reference: checked by the registry, then written out with every option's value. */
    private Object component(ComponentKind kind, Object raw, String path) {
        Spec spec = reference(PipelineFormat.withArticle(kind), raw, path);
        if (spec == null) {
            return null;
        }
        Options options;
        try {
            options = registry.check(kind, spec, path, baseDir, problems);
        } catch (IllegalArgumentException e) {
            // A path option that the file system cannot take ("a\0b") throws instead of adding a problem.
            return bad(path, "cannot be checked: " + String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?"));
        }
        if (options == null) {
            return null;
        }
        if (kind == ComponentKind.DATASET && !filesExist(spec, options, path)) {
            return null;
        }
        return written(kind, spec.name(), options);
    }

    /** {@code relu} or {@code {sgd: {lr: 0.1}}} as a spec, or null after adding a problem. */
    private Spec reference(String what, Object raw, String path) {
        if (raw instanceof String name && !name.isBlank()) {
            return Spec.of(name);
        }
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String name = String.valueOf(entry.getKey());
            if (entry.getValue() == null) {
                return Spec.of(name);
            }
            if (entry.getValue() instanceof Map<?, ?> options) {
                return Spec.of(name, asMap(options));
            }
            problems.add(new Problem(path + "." + name, "the options of " + name + " must be a map, like {" + name
                    + ": {option: value}}, got " + describe(entry.getValue())));
            return null;
        }
        if (raw instanceof Map<?, ?> map && map.size() > 1) {
            String first = String.valueOf(map.keySet().iterator().next());
            problems.add(new Problem(path, "must be " + what + " name or a map with that one name as its key, but this"
                    + " map has " + map.size() + " keys (" + String.join(", ", asMap(map).keySet())
                    + "); put the options under the name, like {" + first + ": {option: value}}"));
            return null;
        }
        problems.add(new Problem(path, "must be " + what + " name or {name: {options}}, got " + describe(raw)));
        return null;
    }

    private boolean filesExist(Spec spec, Options options, String path) {
        boolean ok = true;
        for (OptionSpec option : registry.providers(ComponentKind.DATASET).get(spec.name()).options()) {
            if (option.type() == OptionSpec.Type.PATH && options.get(option.name()) instanceof Path file) {
                String problem = inputProblem(file, spec.options().get(option.name()), dataFile(spec.name()));
                if (problem != null) {
                    problems.add(new Problem(path + "." + spec.name() + "." + option.name(), problem));
                    ok = false;
                }
            }
        }
        return ok;
    }

    /**
     * What is wrong with an input file named in the config, as {@link InputFiles} decides it, or null:
     * {@code file not found: PATH} with where relative paths start and what Debian package ships it,
     * or {@code PATH: is a FIFO (named pipe), not a regular file; give the path of ...}.
     */
    private String inputProblem(Path file, Object given, String expected) {
        String problem = InputFiles.problem(file, expected);
        if (problem == null) {
            return null;
        }
        if (!Files.exists(file)) {
            return "file not found: " + file + relativeHint(given) + InputFiles.notFoundHint(file);
        }
        return file + ": " + problem;
    }

    private static String dataFile(String dataset) {
        return ("aeiou".indexOf(Character.toLowerCase(dataset.charAt(0))) >= 0 ? "an " : "a ") + dataset + " data file";
    }

    private String relativeHint(Object given) {
        return given instanceof String s && !isAbsolute(s)
                ? " (relative paths are resolved against the config's folder, " + baseDir + ")" : "";
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The component as it goes into the resolved config: {@code name}, or {@code {name: {every option}}}. */
    private Object written(ComponentKind kind, String name, Options options) {
        Provider provider = registry.providers(kind).get(name);
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            Object value = options.get(option.name());
            if (value instanceof Path file) {
                values.put(option.name(), file.toString());
            } else if (value instanceof Spec nested) {
                Options nestedOptions = registry.check(option.componentKind(), nested, "", baseDir, new ArrayList<>());
                values.put(option.name(), nestedOptions == null ? reference(nested)
                        : written(option.componentKind(), nested.name(), nestedOptions));
            } else if (value != null) {
                values.put(option.name(), value);
            }
        }
        return values.isEmpty() ? name : single(name, values);
    }

    private static Object reference(Spec spec) {
        return spec.options().isEmpty() ? spec.name() : single(spec.name(), new LinkedHashMap<>(spec.options()));
    }

    private Object step(Object raw, String path) {
        Spec spec = reference("a preprocessing step (" + String.join(", ", PipelineFormat.stepNames()) + ")", raw, path);
        if (spec == null) {
            return null;
        }
        Step step = PipelineFormat.step(spec.name());
        if (step == null) {
            return bad(path, "unknown preprocessing step '" + spec.name() + "'"
                    + DidYouMean.hint(spec.name(), PipelineFormat.stepNames())
                    + "; known steps: " + String.join(", ", PipelineFormat.stepNames()));
        }
        String at = path + "." + step.name();
        List<String> known = step.options().stream().map(Key::name).toList();
        boolean ok = true;
        for (String option : spec.options().keySet()) {
            if (!known.contains(option)) {
                problems.add(new Problem(at + "." + option, "unknown option '" + option + "' for " + step.name()
                        + DidYouMean.hint(option, known) + (known.isEmpty() ? "; " + step.name() + " takes no options"
                        : "; its options are: " + String.join(", ", known))));
                ok = false;
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key option : step.options()) {
            Object given = spec.options().get(option.name());
            if (given == null) {
                problems.add(new Problem(at + "." + option.name(), "missing required option '" + option.name() + "' for "
                        + step.name() + " (" + option.description() + ")"));
                ok = false;
                continue;
            }
            Object value = value(option, given, at + "." + option.name());
            ok &= value != null;
            values.put(option.name(), value);
        }
        if (!ok) {
            return null;
        }
        return values.isEmpty() ? step.name() : single(step.name(), values);
    }

    private Object file(Object raw, String path) {
        if (!(raw instanceof String s) || s.isBlank()) {
            return bad(path, "must be the path of a jar or a folder of jars, got " + describe(raw));
        }
        Path file;
        try {
            file = baseDir.resolve(s).normalize();
        } catch (InvalidPathException e) {
            return bad(path, "'" + s + "' is not a valid path: " + e.getReason());
        }
        if (!Files.isDirectory(file)) {
            // A folder of jars is fine here; anything else must be a jar, a regular file.
            String problem = inputProblem(file, s, "a plugin jar or a folder of jars");
            if (problem != null) {
                return bad(path, problem);
            }
        }
        return file.toString();
    }

    private void crossCheck(Map<String, Object> resolved) {
        if (resolved.get("data") instanceof Map<?, ?> data && data.get("validation") instanceof Double validation
                && resolved.get("train") instanceof Map<?, ?> train
                && train.get("early_stopping") instanceof Map<?, ?> stopping
                && stopping.get("monitor") instanceof String monitor
                && monitor.startsWith("val_") && validation == 0) {
            problems.add(new Problem("train.early_stopping.monitor", "early stopping watches " + monitor
                    + ", but data.validation is 0, so there is no validation data; set data.validation (such as 0.1)"
                    + " or monitor " + monitor.substring(4)));
        }
    }

    private Object bad(String path, String message) {
        problems.add(new Problem(path, message));
        return null;
    }

    private static Map<String, Object> single(String name, Map<String, Object> options) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, options);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> map) {
        // Trees come from SafeYaml and overrides, whose keys are always strings.
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static List<String> asStrings(Object list) {
        return (List<String>) list;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A value as a person reads it in a message. */
    static String describe(Object raw) {
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
        if (raw instanceof Double) {
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
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(flow(v)));
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            list.forEach(v -> sb.append(sb.length() > 1 ? ", " : "").append(flow(v)));
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }
}
