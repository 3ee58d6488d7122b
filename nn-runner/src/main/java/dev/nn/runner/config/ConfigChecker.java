package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.InputFiles;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.OptionChecker;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.EarlyStopping;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a pipeline tree against {@link PipelineFormat} with the registry's {@link OptionChecker}
 * and fills in every default, collecting all problems (each under its option path) rather than
 * stopping at the first. What the option types cannot say is checked here: that the files a config
 * names exist, the run's name, the preprocessing steps, and the checks across sections. The
 * resolved tree writes every component out with all its options.
 */
final class ConfigChecker implements OptionChecker.Resolver {
    private final PluginRegistry registry;
    private final Path baseDir;
    private final String defaultName;
    private final OptionChecker checker;

    ConfigChecker(PluginRegistry registry, Path baseDir, String defaultName) {
        this.registry = registry;
        this.baseDir = baseDir;
        this.defaultName = defaultName;
        this.checker = new OptionChecker(registry, baseDir, this);
    }

    /** Every problem found, each with an option path as {@code where}. */
    List<Problem> problems() {
        return checker.problems();
    }

    /** The resolved tree: what was given, checked, with every default filled in; meaningful only without problems. */
    Map<String, Object> check(Object root) {
        Map<String, Object> checked = checker.section(PipelineFormat.ROOT, root, "");
        if (checked == null) {
            return Map.of();
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put(PipelineFormat.NAME.name(), checked.getOrDefault(PipelineFormat.NAME.name(), defaultName));
        checked.forEach(resolved::putIfAbsent);
        if (resolved.get("data") instanceof Map<?, ?> data && data.get("dataset") instanceof Spec dataset) {
            filesExist(dataset, "data.dataset");
        }
        crossCheck(resolved);
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) written(PipelineFormat.ROOT, resolved);
        return written;
    }

    /** The checked plugin paths of {@code root}, alone: the registry has to know them before anything else is checked. */
    List<String> plugins(Object root) {
        OptionSpec key = PipelineFormat.ROOT.key("plugins");
        if (root instanceof Map<?, ?> map && map.get(key.name()) != null) {
            Map<String, Object> checked =
                    checker.section(OptionSpec.section("", "", key), Map.of(key.name(), map.get(key.name())), "");
            @SuppressWarnings("unchecked")
            List<String> paths = (List<String>) checked.get(key.name());
            return paths == null ? List.of() : paths;
        }
        return List.of();
    }

    @Override
    public boolean handles(OptionSpec option) {
        return option == PipelineFormat.NAME || option == PipelineFormat.PLUGIN;
    }

    @Override
    public Object resolve(OptionSpec option, Object raw, String path) {
        if (option == PipelineFormat.PLUGIN) {
            return file(raw, path);
        }
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            return checker.problem(path, "must be a string, got " + OptionChecker.describe(raw));
        }
        String name = String.valueOf(raw);
        return name.matches(PipelineFormat.NAME_PATTERN)
                ? name
                : checker.problem(
                        path,
                        "must start with a letter or"
                                + " digit and hold only letters, digits, '.', '_' and '-', since it names the run folder; got '"
                                + name + "'");
    }

    /** {@code value} as the resolved config holds it: every component as {@code name} or {@code {name: {all options}}}. */
    private Object written(OptionSpec option, Object value) {
        if (value instanceof Map<?, ?> section && option.type() == OptionSpec.Type.SECTION) {
            Map<String, Object> out = new LinkedHashMap<>();
            section.forEach((k, v) -> out.put((String) k, written(option.key((String) k), v)));
            return out;
        }
        if (value instanceof List<?> items && option.type() == OptionSpec.Type.LIST) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(written(option.options().get(0), item)));
            return out;
        }
        if (value instanceof Spec spec && option.type() == OptionSpec.Type.COMPONENT) {
            Options options = registry.check(option.componentKind(), spec, "", baseDir, new ArrayList<>());
            return options == null
                    ? reference(spec)
                    : written(registry.providers(option.componentKind()).get(spec.name()), options);
        }
        return value;
    }

    /** A component with its checked options: {@code name}, or {@code {name: {every option}}}. */
    private Object written(Provider provider, Options options) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            Object value = options.get(option.name());
            if (value != null) {
                values.put(option.name(), value instanceof Path file ? file.toString() : written(option, value));
            }
        }
        return values.isEmpty() ? provider.name() : single(provider.name(), values);
    }

    private static Object reference(Spec spec) {
        return spec.options().isEmpty() ? spec.name() : single(spec.name(), new LinkedHashMap<>(spec.options()));
    }

    private void filesExist(Spec spec, String path) {
        Options options = registry.check(ComponentKind.DATASET, spec, path, baseDir, new ArrayList<>());
        for (OptionSpec option :
                registry.providers(ComponentKind.DATASET).get(spec.name()).options()) {
            if (option.type() == OptionSpec.Type.PATH && options.get(option.name()) instanceof Path file) {
                String problem = inputProblem(file, spec.options().get(option.name()), dataFile(spec.name()));
                if (problem != null) {
                    checker.problem(path + "." + spec.name() + "." + option.name(), problem);
                }
            }
        }
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
                ? " (relative paths are resolved against the config's folder, " + baseDir + ")"
                : "";
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private Object file(Object raw, String path) {
        if (!(raw instanceof String s) || s.isBlank()) {
            return checker.problem(
                    path, "must be the path of a jar or a folder of jars, got " + OptionChecker.describe(raw));
        }
        Path file;
        try {
            file = baseDir.resolve(s).normalize();
        } catch (InvalidPathException e) {
            return checker.problem(path, "'" + s + "' is not a valid path: " + e.getReason());
        }
        if (!Files.isDirectory(file)) {
            // A folder of jars is fine here; anything else must be a jar, a regular file.
            String problem = inputProblem(file, s, "a plugin jar or a folder of jars");
            if (problem != null) {
                return checker.problem(path, problem);
            }
        }
        return file.toString();
    }

    private void crossCheck(Map<String, Object> resolved) {
        if (resolved.get("data") instanceof Map<?, ?> data
                && data.get("validation") instanceof Double validation
                && resolved.get("train") instanceof Map<?, ?> train
                && train.get("early_stopping") instanceof Map<?, ?> stopping
                && stopping.get("monitor") instanceof String monitor
                && monitor.startsWith("val_")
                && validation == 0) {
            checker.problem(
                    "train.early_stopping.monitor",
                    "early stopping watches " + monitor
                            + ", but data.validation is 0, so there is no validation data; set data.validation (such as 0.1)"
                            + " or monitor " + EarlyStopping.withoutValidation(monitor));
        }
        String monitor = scheduleMonitor(resolved);
        if (monitor != null
                && monitor.startsWith("val_")
                && resolved.get("data") instanceof Map<?, ?> data
                && data.get("validation") instanceof Double validation
                && validation == 0) {
            String name = scheduleSpec(resolved).name();
            checker.problem(
                    "train.schedule." + name + ".monitor",
                    "schedule '" + name + "' watches " + monitor
                            + ", but data.validation is 0, so there is no validation data; set data.validation (such"
                            + " as 0.1) or monitor " + EarlyStopping.withoutValidation(monitor));
        }
    }

    /** The checked {@code train.schedule} of {@code resolved}, or null when there is none. */
    private static Spec scheduleSpec(Map<String, Object> resolved) {
        return resolved.get("train") instanceof Map<?, ?> train && train.get("schedule") instanceof Spec spec
                ? spec
                : null;
    }

    /** The figure the config's schedule reacts to ({@link dev.nn.api.Schedule#monitor()}), or null. */
    private String scheduleMonitor(Map<String, Object> resolved) {
        Spec spec = scheduleSpec(resolved);
        try {
            return spec == null
                    ? null
                    : registry.schedule(spec, "train.schedule").monitor();
        } catch (ConfigException e) {
            return null; // its options are wrong, which the checker has reported
        }
    }

    private static Map<String, Object> single(String name, Map<String, Object> options) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, options);
        return map;
    }
}
