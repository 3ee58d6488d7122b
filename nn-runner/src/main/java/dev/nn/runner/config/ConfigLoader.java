package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.Warmup;
import dev.nn.runner.config.SourcePositions.Position;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a pipeline YAML file into a checked {@link PipelineConfig}: safe YAML, {@code --set}
 * overrides, then every setting checked against the pipeline format and the plugin registry.
 *
 * <p>Like a compiler, it reports every problem in the file at once. Each problem's {@code where}
 * is {@code file.yaml:LINE:COL} (1-based; the file named as it was given) or the {@code --set}
 * that caused it, and its message starts with the option path:
 * <pre>
 * configs/x.yaml:14:9: model.layers[2].dense.unit: unknown option 'unit' for dense (did you mean 'units'?); ...
 * </pre>
 * Relative paths in the file (dataset files, plugins), and in overrides, resolve against the file's folder.
 */
public final class ConfigLoader {
    /** What a config path must name, as messages say it: {@code give the path of a pipeline config (a YAML file)}. */
    public static final String CONFIG_FILE = "a pipeline config (a YAML file)";

    private final PluginRegistry registry;

    /**
     * A loader that resolves component names through {@code registry} (which must already hold the config's plugins).
     *
     * @param registry the registry to resolve names in
     */
    public ConfigLoader(PluginRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Parses {@code file}, applies {@code overrides} ({@code "train.epochs=5"}, values typed like
     * YAML) and checks everything.
     *
     * @throws ConfigException listing every problem found
     * @param file      the YAML file
     * @param overrides {@code --set key=value} settings, applied in order
     * @return the resolved config
     */
    public PipelineConfig load(Path file, List<String> overrides) {
        overrides = overrides == null ? List.of() : overrides;
        Path absolute = file.toAbsolutePath().normalize();
        ConfigYaml.Document document = ConfigYaml.read(file, file.toString());
        List<Problem> overrideProblems = new ArrayList<>();
        applyOverrides(document, overrides, overrideProblems);

        ConfigChecker checker = new ConfigChecker(registry, absolute.getParent(), defaultName(absolute));
        Map<String, Object> resolved = checker.check(document.root());
        List<Problem> problems = located(checker.problems(), document.positions(), false);
        problems.addAll(overrideProblems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return build(absolute, resolved, document.positions());
    }

    /**
     * The plugin jars and folders {@code file} asks for (after {@code overrides}), absolute; read
     * before anything else because the registry that checks the rest must include them.
     *
     * @throws ConfigException when the file cannot be read, or a plugin path is bad or missing
     * @param file      the YAML file
     * @param overrides {@code --set key=value} settings, applied in order
     * @return the plugin jars and folders, absolute
     */
    public static List<Path> plugins(Path file, List<String> overrides) {
        overrides = overrides == null ? List.of() : overrides;
        Path absolute = file.toAbsolutePath().normalize();
        ConfigYaml.Document document = ConfigYaml.read(file, file.toString());
        List<Problem> overrideProblems = new ArrayList<>();
        applyOverrides(document, overrides, overrideProblems);
        ConfigChecker checker = new ConfigChecker(null, absolute.getParent(), defaultName(absolute));
        List<String> paths = checker.plugins(document.root());
        if (!checker.problems().isEmpty()) {
            throw new ConfigException(located(checker.problems(), document.positions(), false));
        }
        return paths.stream().map(Path::of).toList();
    }

    private static void applyOverrides(ConfigYaml.Document document, List<String> overrides, List<Problem> problems) {
        if (overrides.isEmpty()) {
            return;
        }
        if (document.root() instanceof Map<?, ?> root) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) root;
            Overrides.apply(tree, overrides, document.positions(), problems);
        }
    }

    /**
     * Problems with option paths turned into file positions, in reading order, each message starting
     * with its path; with {@code onlyOptionPaths}, a problem whose {@code where} is not an option path
     * of the format (a data file's name, say) is kept as it is.
     */
    static List<Problem> located(List<Problem> problems, SourcePositions positions, boolean onlyOptionPaths) {
        record Found(Position position, Problem problem) {}
        List<Found> found = new ArrayList<>();
        List<Problem> kept = new ArrayList<>();
        for (Problem p : problems) {
            if (onlyOptionPaths && !isOptionPath(p.where())) {
                kept.add(p);
                continue;
            }
            String message = p.where().isEmpty() ? p.message() : p.where() + ": " + p.message();
            Position position = positions.find(p.where());
            found.add(new Found(position, new Problem(position.text(), message)));
        }
        found.sort(Comparator.comparing(Found::position, SourcePositions.READING_ORDER));
        List<Problem> all = new ArrayList<>(found.stream().map(Found::problem).toList());
        all.addAll(kept);
        return all;
    }

    private static boolean isOptionPath(String where) {
        List<Object> path = where == null || where.isEmpty() ? null : Overrides.parsePath(where);
        return path != null && PipelineFormat.ROOT.key((String) path.get(0)) != null;
    }

    /** The file's name without its extension, made fit for a folder name. */
    static String defaultName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.matches(PipelineFormat.NAME_PATTERN) ? name : "run-" + name;
    }

    private static PipelineConfig build(Path file, Map<String, Object> tree, SourcePositions positions) {
        Map<String, Object> resolved = frozen(tree);
        Map<String, Object> data = section(resolved, "data");
        Map<String, Object> model = section(resolved, "model");
        Map<String, Object> train = section(resolved, "train");
        Map<String, Object> report = section(resolved, "report");
        DataConfig dataConfig = new DataConfig(
                spec(data.get("dataset")),
                (Double) data.get("test"),
                (Double) data.get("validation"),
                (Boolean) data.get("stratify"),
                specs(data.get("preprocess")),
                specs(data.get("target_preprocess")));
        ModelConfig modelConfig = new ModelConfig(specs(model.get("layers")), spec(model.get("loss")));
        EarlyStopping stopping = null;
        if (train.get("early_stopping") instanceof Map<?, ?> es) {
            stopping = new EarlyStopping(
                    (String) es.get("monitor"), (Integer) es.get("patience"), (Double) es.get("min_delta"), (Boolean)
                            es.get("restore_best"));
        }
        Warmup warmup = null;
        if (train.get("warmup") instanceof Map<?, ?> w) {
            warmup = new Warmup((Integer) w.get("epochs"), (Double) w.get("start_factor"));
        }
        TrainConfig trainConfig = new TrainConfig(
                spec(train.get("optimizer")),
                train.containsKey("schedule") ? spec(train.get("schedule")) : null,
                (Integer) train.get("batch_size"),
                (Integer) train.get("epochs"),
                (Boolean) train.get("shuffle"),
                (Double) train.get("clip_norm"),
                stopping,
                (Boolean) train.get("checkpoint"),
                warmup,
                (Integer) train.get("shard_rows"));
        @SuppressWarnings("unchecked")
        List<String> plots = (List<String>) report.get("plots");
        @SuppressWarnings("unchecked")
        List<String> plugins = (List<String>) resolved.get("plugins");
        DistributedConfig distributed = null;
        if (resolved.get("distributed") instanceof Map<?, ?> d && d.get("spark") instanceof Map<?, ?> spark) {
            distributed = new DistributedConfig(
                    "spark",
                    (String) spark.get("master"),
                    (Integer) spark.get("partitions"),
                    (Integer) spark.get("local_steps"),
                    (String) spark.get("app_name"));
        }
        return new PipelineConfig(
                file,
                (String) resolved.get("name"),
                (Long) resolved.get("seed"),
                (Integer) resolved.get("threads"),
                dataConfig,
                modelConfig,
                trainConfig,
                new ReportConfig(plots),
                plugins.stream().map(Path::of).toList(),
                distributed,
                resolved,
                positions);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> resolved, String name) {
        return (Map<String, Object>) resolved.get(name);
    }

    /** A resolved component ({@code name} or {@code {name: {options}}}) as a spec. */
    @SuppressWarnings("unchecked")
    private static Spec spec(Object written) {
        if (written instanceof Map<?, ?> map) {
            Map.Entry<String, Object> entry =
                    ((Map<String, Object>) map).entrySet().iterator().next();
            return Spec.of(entry.getKey(), (Map<String, Object>) entry.getValue());
        }
        return Spec.of((String) written);
    }

    private static List<Spec> specs(Object written) {
        List<Spec> specs = new ArrayList<>();
        for (Object item : (List<?>) written) {
            specs.add(spec(item));
        }
        return specs;
    }

    /** A deep, unmodifiable copy of a plain tree. */
    static Map<String, Object> frozen(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((k, v) -> copy.put(k, frozenValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozen((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(frozenValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
