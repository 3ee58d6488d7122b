package dev.nn.core.io;

import dev.nn.api.ColumnType;
import dev.nn.api.ComponentKind;
import dev.nn.api.ComponentRef;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Missing;
import dev.nn.api.OptionSpec;
import dev.nn.api.Preprocessing;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.api.TableEncoding;
import dev.nn.api.Unseen;
import dev.nn.core.internal.SafeYaml;
import dev.nn.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code model.yaml} entry of a model file: what it says, how it is written from a model's
 * {@link ModelArchive.Contents}, and how it is read back, safely and with a clear message for every
 * field that is wrong.
 *
 * @param formatVersion the format version the file declares
 * @param layers        the layer references as written (names or {@code {name: {options}}} maps)
 * @param loss          the loss reference as written
 */
record ModelYaml(
        int formatVersion,
        int inputSize,
        List<Object> layers,
        Object loss,
        List<Shape> parameters,
        List<Shape> buffers,
        String paramsSha256,
        ModelInfo info) {
    static final String ENTRY = "model.yaml";
    /** Larger than any model description nn writes; a bigger entry is not one of ours. */
    static final int MAX_BYTES = SafeYaml.Kind.MODEL.maxChars();

    private static final String HEADER =
            "# nn model file: the network in the pipeline's schema, its preprocessing (a table's encoding, the feature steps,\n"
                    + "# the scaling of regression targets) and how it was made.\n"
                    + "# The parameter values, then the buffers' (running statistics), are in params.bin; params_sha256 is its checksum.\n";

    /** The declared name and shape of one parameter array. */
    record Shape(String name, int rows, int cols) {
        @Override
        public String toString() {
            return name + " " + rows + "x" + cols;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * The model.yaml text for {@code model}.
     *
     * @throws IllegalArgumentException when a layer option or the config holds a value a model file
     *                                  cannot hold (naming where it is)
     */
    static String write(ModelArchive.Contents model, String paramsSha256) {
        ModelInfo info = model.info();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format_version", ModelArchive.FORMAT_VERSION);
        doc.put("nn_version", info.nnVersion());
        doc.put("created", info.created());
        doc.put("input_size", model.inputSize());
        doc.put("seed", info.seed());
        doc.put("engine", info.engine());
        doc.put("java_version", info.javaVersion());
        doc.put("os", info.os());
        doc.put("arch", info.arch());
        doc.put("data_checksum", info.dataChecksum());
        doc.put("class_names", new ArrayList<>(info.classNames()));
        doc.put("model", model(model.layers(), model.loss()));
        if (info.preprocessing().hasTable()) {
            doc.put("table", table(info.preprocessing().table()));
        }
        doc.put("preprocess", steps(info.preprocessing().steps()));
        if (info.preprocessing().scalesTargets()) {
            doc.put("target_preprocess", steps(info.preprocessing().targetSteps()));
        }
        doc.put("parameters", shapes(model.parameters()));
        doc.put("buffers", shapes(model.buffers()));
        doc.put("params_sha256", paramsSha256);
        doc.put("config", plain(info.config(), "config"));
        return HEADER + SafeYaml.dumpBlock(doc);
    }

    /** Fitted affine steps as model.yaml lists them: kind, shift and scale. */
    private static List<Object> steps(List<FeatureTransform> transforms) {
        List<Object> steps = new ArrayList<>();
        for (FeatureTransform t : transforms) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("kind", t.kind());
            step.put("shift", exactNumbers(t.shift()));
            step.put("scale", exactNumbers(t.scale()));
            steps.add(step);
        }
        return steps;
    }

    /**
     * A table encoding as model.yaml holds it: the texts meaning "missing", the targets' names, each
     * column (name, type, missing rule, fill value, a category's unseen rule and vocabulary), and the
     * encoded features' names, which reading checks against the columns.
     */
    private static Map<String, Object> table(TableEncoding table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("missing_values", new ArrayList<>(table.missingValues()));
        out.put("target_names", new ArrayList<>(table.targetNames()));
        List<Object> columns = new ArrayList<>();
        for (TableEncoding.Column c : table.columns()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", c.name());
            column.put("type", yamlName(c.type()));
            column.put("missing", yamlName(c.missing()));
            if (c.type() == ColumnType.CATEGORY) {
                if (c.fillLevel() != null) {
                    column.put("fill", c.fillLevel());
                }
                column.put("unseen", yamlName(c.unseen()));
                column.put("vocabulary", new ArrayList<>(c.vocabulary()));
            } else if (!Float.isNaN(c.fill())) {
                column.put("fill", exactNumbers(new float[] {c.fill()}).get(0));
            }
            columns.add(column);
        }
        out.put("columns", columns);
        out.put("features", new ArrayList<>(table.featureNames()));
        return out;
    }

    private static String yamlName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The names and shapes of {@code arrays}, as model.yaml lists them. */
    private static List<Object> shapes(List<ParamsBin.Named> arrays) {
        List<Object> shapes = new ArrayList<>();
        for (ParamsBin.Named array : arrays) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", array.name());
            p.put("rows", array.value().rows());
            p.put("cols", array.value().cols());
            shapes.add(p);
        }
        return shapes;
    }

    /**
     * A pipeline's {@code model:} section for these layers and loss, which a config holding it builds
     * into the same network ({@code Network.toYaml}).
     *
     * @throws IllegalArgumentException when an option holds a value YAML cannot hold (naming where it is)
     */
    static String modelSection(List<Spec> layers, Spec loss) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model(layers, loss));
        return SafeYaml.dumpBlock(doc);
    }

    /** The {@code model} map: the layer references in order and the loss's, as a config writes them. */
    private static Map<String, Object> model(List<Spec> layerSpecs, Spec loss) {
        Map<String, Object> network = new LinkedHashMap<>();
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < layerSpecs.size(); i++) {
            layers.add(reference(layerSpecs.get(i), "model.layers[" + i + "]"));
        }
        network.put("layers", layers);
        network.put("loss", reference(loss, "model.loss"));
        return network;
    }

    private static Object reference(Spec spec, String where) {
        if (spec.options().isEmpty()) {
            return spec.name();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        spec.options().forEach((key, value) -> options.put(key, plain(value, where + "." + spec.name() + "." + key)));
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put(spec.name(), options);
        return ref;
    }

    /** {@code value} as plain YAML data: maps, lists, strings, numbers, booleans and null. */
    private static Object plain(Object value, String where) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float f) {
            // Widened exactly, so a provider reading the option as a double gets the same value it got
            // when the network was built.
            return (double) f;
        }
        if (value instanceof Path p) {
            return p.toString();
        }
        if (value instanceof Spec spec) {
            return reference(spec, where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("cannot save the model: " + where + " has the key " + k + " (a "
                            + k.getClass().getName() + "); model files need string keys");
                }
                out.put(key, plain(v, where + "." + key));
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(plain(list.get(i), where + "[" + i + "]"));
            }
            return out;
        }
        throw new IllegalArgumentException(
                "cannot save the model: " + where + " is a " + value.getClass().getName()
                        + "; model files hold only maps, lists, strings, int, long, double, booleans, paths and component specs");
    }

    /**
     * The floats as doubles YAML writes and reads back to the same float bits: the short decimal
     * form when it survives the round trip through double, else the exact widened value.
     */
    private static List<Double> exactNumbers(float[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (float f : values) {
            double shortForm = Double.parseDouble(Float.toString(f));
            out.add(Float.floatToIntBits((float) shortForm) == Float.floatToIntBits(f) ? shortForm : (double) f);
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Parses model.yaml with a safe loader and checks every field nn needs.
     *
     * @param file     the model file, named in every error
     * @param remedies what messages about a damaged file end with
     * @throws ConfigException for YAML that is unsafe, malformed, from a newer format or missing a field
     */
    static ModelYaml read(String text, Path file, ModelArchive.Remedies remedies) {
        String damaged = damaged(remedies);
        Fields doc = new Fields(parse(text, file, damaged), file, damaged);
        Object version = doc.map.get("format_version");
        if (version == null) {
            throw doc.error(
                    "model.yaml has no format_version, so it was not written by nn; pass a model file nn saved");
        }
        int format = doc.integer("format_version", 1);
        if (format > ModelArchive.FORMAT_VERSION) {
            throw new ConfigException(
                    file.toString(),
                    "written by a newer nn (format " + format + "); this nn reads format " + ModelArchive.FORMAT_VERSION
                            + ": upgrade nn");
        }
        int inputSize = doc.integer("input_size", 1);
        long seed = doc.longValue("seed");
        Fields model = doc.section("model");
        List<Object> layers = model.list("layers");
        if (layers.isEmpty()) {
            throw doc.error("model.layers is empty" + damaged);
        }
        Object loss = model.required("loss");
        List<Shape> parameters = shapes(doc, doc.list("parameters"), "parameters");
        // Format 1 had no buffers: no layer of its time kept any.
        List<Shape> buffers = format >= 2 ? shapes(doc, doc.list("buffers"), "buffers") : List.of();
        String sha = doc.string("params_sha256");
        TableEncoding table = doc.map.get("table") == null ? null : table(doc.section("table"), inputSize);
        List<FeatureTransform> transforms = steps(doc, "preprocess", inputSize, "inputs");
        List<FeatureTransform> targetSteps = steps(doc, "target_preprocess", -1, "targets");
        Preprocessing preprocessing;
        try {
            preprocessing = new Preprocessing(table, transforms, targetSteps);
        } catch (IllegalArgumentException e) {
            throw doc.error("model.yaml: " + e.getMessage() + damaged);
        }
        List<String> classNames = new ArrayList<>();
        for (Object name : doc.optionalList("class_names")) {
            classNames.add(String.valueOf(name));
        }
        // Files from before nn recorded the platform have no java_version, os or arch: unknown, "".
        ModelInfo info = new ModelInfo(
                classNames,
                preprocessing,
                doc.optionalMap("config"),
                doc.optionalString("nn_version"),
                seed,
                doc.optionalString("engine"),
                doc.optionalString("data_checksum"),
                doc.optionalString("created"),
                doc.optionalString("java_version"),
                doc.optionalString("os"),
                doc.optionalString("arch"));
        return new ModelYaml(format, inputSize, layers, loss, parameters, buffers, sha, info);
    }

    /** The fitted steps under {@code key}, each for {@code width} columns (any one width when -1). */
    private static List<FeatureTransform> steps(Fields doc, String key, int width, String what) {
        List<FeatureTransform> transforms = new ArrayList<>();
        List<Object> listed = doc.optionalList(key);
        for (int i = 0; i < listed.size(); i++) {
            Fields step = doc.element(listed.get(i), key + "[" + i + "]");
            float[] shift = step.floats("shift");
            float[] scale = step.floats("scale");
            int expected = width >= 0
                    ? width
                    : transforms.isEmpty() ? shift.length : transforms.get(0).features();
            if (shift.length != expected || scale.length != expected || expected == 0) {
                throw doc.error(key + "[" + i + "] has " + shift.length + " shift and " + scale.length
                        + " scale values"
                        + (width >= 0 || i > 0 ? " for " + expected + " " + what : "; it needs one of each per target")
                        + doc.damaged);
            }
            transforms.add(new FeatureTransform(step.string("kind"), shift, scale));
        }
        return transforms;
    }

    /** The {@code table} section: a table encoding whose features must be the network's inputs. */
    private static TableEncoding table(Fields table, int inputSize) {
        List<String> missingValues = table.strings("missing_values");
        List<String> targetNames = table.optionalStrings("target_names");
        List<Object> listed = table.list("columns");
        if (listed.isEmpty()) {
            throw table.wrong("columns", "a list of at least one column", listed);
        }
        List<TableEncoding.Column> columns = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            String key = "columns[" + i + "]";
            Fields c = table.element(listed.get(i), key);
            String name = c.string("name");
            ColumnType type = c.choice("type", ColumnType.values());
            Missing missing = c.choice("missing", Missing.values());
            boolean fills = missing != Missing.DROP_ROW && missing != Missing.ERROR;
            boolean category = type == ColumnType.CATEGORY;
            Unseen unseen = category ? c.choice("unseen", Unseen.values()) : Unseen.ZEROS;
            List<String> vocabulary = category ? c.strings("vocabulary") : List.of();
            float fill = Float.NaN;
            String fillLevel = null;
            if (fills && category) {
                fillLevel = c.string("fill");
            } else if (fills) {
                fill = c.number("fill");
            }
            try {
                columns.add(new TableEncoding.Column(name, type, vocabulary, missing, fill, fillLevel, unseen));
            } catch (IllegalArgumentException e) {
                throw table.error("model.yaml: table." + key + ": " + e.getMessage() + table.damaged);
            }
        }
        TableEncoding encoding;
        try {
            encoding = new TableEncoding(columns, missingValues, targetNames);
        } catch (IllegalArgumentException e) {
            throw table.error("model.yaml: table.columns: " + e.getMessage() + table.damaged);
        }
        List<String> features = table.strings("features");
        if (!features.equals(encoding.featureNames())) {
            throw table.error("model.yaml: table.features lists " + features.size()
                    + " features, but its columns give " + encoding.width() + " (" + encoding.featureNames() + ")"
                    + table.damaged);
        }
        if (encoding.width() != inputSize) {
            throw table.error("model.yaml: table gives " + encoding.width() + " features but input_size is " + inputSize
                    + table.damaged);
        }
        return encoding;
    }

    /** The shapes a list of model.yaml names ({@code parameters} or {@code buffers}). */
    private static List<Shape> shapes(Fields doc, List<Object> declared, String key) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            Fields p = doc.element(declared.get(i), key + "[" + i + "]");
            shapes.add(new Shape(p.string("name"), p.integer("rows", 0), p.integer("cols", 0)));
        }
        return shapes;
    }

    /** What ends the message about a field that is wrong. */
    private static String damaged(ModelArchive.Remedies remedies) {
        return "; the file is damaged or was edited by hand: " + remedies.damaged();
    }

    /** The layer specs, with nested component options (such as {@code init}) turned into specs as well. */
    List<Spec> layerSpecs(PluginRegistry registry, Path file, ModelArchive.Remedies remedies) {
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            specs.add(spec(
                    layers.get(i), ComponentKind.LAYER, "model.layers[" + i + "]", registry, file, damaged(remedies)));
        }
        return specs;
    }

    Spec lossSpec(PluginRegistry registry, Path file, ModelArchive.Remedies remedies) {
        return spec(loss, ComponentKind.LOSS, "model.loss", registry, file, damaged(remedies));
    }

    /** A component reference ({@code relu} or {@code {name: {options}}}) as a spec, like a config's. */
    private static Spec spec(
            Object raw, ComponentKind kind, String where, PluginRegistry registry, Path file, String damaged) {
        if (raw instanceof String name && !name.isBlank()) {
            return Spec.of(name);
        }
        if (raw instanceof Map<?, ?> ref
                && ref.size() == 1
                && ref.keySet().iterator().next() instanceof String name
                && (ref.get(name) == null || ref.get(name) instanceof Map<?, ?>)) {
            Map<String, OptionSpec> declared = new LinkedHashMap<>();
            Provider provider = registry.providers(kind).get(name);
            if (provider != null) {
                provider.options().forEach(o -> declared.put(o.name(), o));
            }
            Map<String, Object> options = new LinkedHashMap<>();
            Map<?, ?> given = ref.get(name) == null ? Map.of() : (Map<?, ?>) ref.get(name);
            for (Map.Entry<?, ?> e : given.entrySet()) {
                String key = String.valueOf(e.getKey());
                OptionSpec option = declared.get(key);
                Object value = e.getValue();
                if (option != null && option.type() == OptionSpec.Type.COMPONENT && value != null) {
                    value = spec(
                            value, option.componentKind(), where + "." + name + "." + key, registry, file, damaged);
                }
                options.put(key, value);
            }
            return new ComponentRef(name, options);
        }
        throw new ConfigException(
                file.toString(),
                "model.yaml: " + where + " must be a " + kind.label() + " name or {name: {options}}, got " + raw
                        + damaged);
    }

    /** The document under nn's one YAML policy; its problems become the model file's, each with the remedy. */
    private static Map<?, ?> parse(String text, Path file, String damaged) {
        Object doc;
        try {
            doc = SafeYaml.read(text, ENTRY, SafeYaml.Kind.MODEL, (path, line, column) -> {});
        } catch (ConfigException e) {
            List<Problem> problems = new ArrayList<>();
            for (Problem p : e.problems()) {
                problems.add(new Problem(file.toString(), p.where() + ": " + p.message() + damaged));
            }
            throw new ConfigException(problems);
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException(
                    file.toString(),
                    "model.yaml is not a map of settings, so it was not written by nn;"
                            + " pass a model file nn saved");
        }
        return map;
    }

    /** Typed access to one map of model.yaml, with an error naming the field for anything wrong. */
    private static final class Fields {
        final Map<?, ?> map;
        final Path file;
        final String damaged;
        final String prefix;

        Fields(Map<?, ?> map, Path file, String damaged) {
            this(map, file, damaged, "");
        }

        private Fields(Map<?, ?> map, Path file, String damaged, String prefix) {
            this.map = map;
            this.file = file;
            this.damaged = damaged;
            this.prefix = prefix;
        }

        ConfigException error(String message) {
            return new ConfigException(file.toString(), message);
        }

        ConfigException wrong(String key, String expected, Object value) {
            return error("model.yaml: " + prefix + key + " must be " + expected + ", got "
                    + (value instanceof String s ? "\"" + s + "\"" : value) + damaged);
        }

        Object required(String key) {
            Object value = map.get(key);
            if (value == null) {
                throw error("model.yaml has no " + prefix + key + damaged);
            }
            return value;
        }

        int integer(String key, int min) {
            Object value = required(key);
            if (value instanceof Integer i && i >= min) {
                return i;
            }
            throw wrong(key, "a whole number >= " + min, value);
        }

        long longValue(String key) {
            Object value = required(key);
            if (value instanceof Integer || value instanceof Long) {
                return ((Number) value).longValue();
            }
            throw wrong(key, "a whole number", value);
        }

        String string(String key) {
            Object value = required(key);
            if (value instanceof String s) {
                return s;
            }
            throw wrong(key, "a string", value);
        }

        String optionalString(String key) {
            Object value = map.get(key);
            return value == null ? "" : String.valueOf(value);
        }

        List<Object> list(String key) {
            Object value = required(key);
            if (value instanceof List<?> l) {
                return new ArrayList<>(l);
            }
            throw wrong(key, "a list", value);
        }

        List<Object> optionalList(String key) {
            return map.get(key) == null ? List.of() : list(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> optionalMap(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Map.of();
            }
            if (value instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw wrong(key, "a map", value);
        }

        Fields section(String key) {
            Object value = required(key);
            if (value instanceof Map<?, ?> m) {
                return new Fields(m, file, damaged, prefix + key + ".");
            }
            throw wrong(key, "a map", value);
        }

        Fields element(Object value, String name) {
            if (value instanceof Map<?, ?> m) {
                return new Fields(m, file, damaged, prefix + name + ".");
            }
            throw error("model.yaml: " + prefix + name + " must be a map, got " + value + damaged);
        }

        float number(String key) {
            Object value = required(key);
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                return n.floatValue();
            }
            throw wrong(key, "a number", value);
        }

        <E extends Enum<E>> E choice(String key, E[] values) {
            Object value = required(key);
            List<String> names = new ArrayList<>();
            for (E e : values) {
                names.add(yamlName(e));
                if (yamlName(e).equals(value)) {
                    return e;
                }
            }
            throw wrong(key, "one of " + String.join(", ", names), value);
        }

        List<String> strings(String key) {
            List<Object> values = list(key);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (!(values.get(i) instanceof String text)) {
                    throw wrong(key + "[" + i + "]", "a string", values.get(i));
                }
                out.add(text);
            }
            return out;
        }

        List<String> optionalStrings(String key) {
            return map.get(key) == null ? List.of() : strings(key);
        }

        float[] floats(String key) {
            List<Object> values = list(key);
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(values.get(i) instanceof Number n)) {
                    throw wrong(key + "[" + i + "]", "a number", values.get(i));
                }
                out[i] = n.floatValue();
            }
            return out;
        }
    }
}
