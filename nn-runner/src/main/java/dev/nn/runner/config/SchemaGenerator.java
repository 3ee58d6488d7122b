package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.OptionSpec;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.config.PipelineFormat.Key;
import dev.nn.runner.config.PipelineFormat.Shape;
import dev.nn.runner.config.PipelineFormat.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON Schema (draft 2020-12) of the pipeline format, for editors: with it, a YAML
 * language server completes keys and component names and flags mistakes before a run.
 *
 * <p>It is generated from the registry, so it lists every provider the registry holds (plugins
 * included) with its options, their types, defaults, ranges and descriptions. A component reference
 * is {@code oneOf} a bare name (of the providers that need no options) and a one-key map from a
 * provider name to its options.
 */
public final class SchemaGenerator {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final List<ComponentKind> KINDS = List.of(ComponentKind.DATASET, ComponentKind.LAYER,
            ComponentKind.LOSS, ComponentKind.OPTIMIZER, ComponentKind.SCHEDULE, ComponentKind.INITIALIZER);

    private SchemaGenerator() {
    }

    /**
     * {@return the JSON Schema text of pipelines that {@code registry} can run}
     *
     * @param registry the components the schema names
     */
    public static String generate(PluginRegistry registry) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", "nn pipeline");
        schema.putAll(section(PipelineFormat.ROOT, true));
        Map<String, Object> defs = new LinkedHashMap<>();
        for (ComponentKind kind : KINDS) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Provider provider : registry.providers(kind).values()) {
                List<Option> options = provider.options().stream().map(Option::of).toList();
                String def = kind.label() + "." + provider.name();
                defs.put(def, options(provider.description(), options));
                byName.put(provider.name(), Map.of("$ref", "#/$defs/" + def));
            }
            List<String> bareNames = registry.providers(kind).values().stream()
                    .filter(p -> p.options().stream().noneMatch(OptionSpec::isRequired)).map(Provider::name).toList();
            defs.put(kind.label(), reference(PipelineFormat.withArticle(kind), bareNames, byName));
        }
        Map<String, Object> steps = new LinkedHashMap<>();
        List<String> bareSteps = new ArrayList<>();
        for (Step step : PipelineFormat.STEPS) {
            List<Option> options = step.options().stream().map(Option::of).toList();
            defs.put("preprocess." + step.name(), options(step.description(), options));
            steps.put(step.name(), Map.of("$ref", "#/$defs/preprocess." + step.name()));
            if (options.stream().noneMatch(Option::required)) {
                bareSteps.add(step.name());
            }
        }
        defs.put("preprocess", reference("a preprocessing step", bareSteps, steps));
        schema.put("$defs", defs);
        return JsonWriter.write(schema);
    }

    /**
     * One option of a provider or a preprocessing step, whichever table declared it.
     *
     * @param schema the JSON Schema of its value
     */
    private record Option(String name, boolean required, Map<String, Object> schema) {

        static Option of(OptionSpec spec) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("description", spec.description());
            switch (spec.type()) {
                case INTEGER -> s.put("type", "integer");
                case NUMBER -> s.put("type", "number");
                case BOOLEAN -> s.put("type", "boolean");
                case PATH -> {
                    s.put("type", "string");
                    s.put("description", spec.description() + " (relative paths are resolved against the config's folder)");
                }
                case STRING -> {
                    if (spec.choices().isEmpty()) {
                        // The registry takes a number or boolean where a string is expected (a CSV label column 0).
                        s.put("type", List.of("string", "number", "boolean"));
                    } else {
                        s.put("enum", choices(spec.choices()));
                    }
                }
                case COMPONENT -> {
                    Map<String, Object> ref = Map.of("$ref", "#/$defs/" + spec.componentKind().label());
                    // "none" (or nothing) switches off an optional component, such as dense's activation.
                    if (spec.defaultValue() == null || "none".equals(spec.defaultValue())) {
                        s.put("anyOf", List.of(ref, ordered("description", "none: no " + spec.componentKind().label(),
                                "enum", nullable("none"))));
                    } else {
                        s.putAll(ref);
                    }
                }
            }
            range(s, spec.min(), spec.minExclusive(), spec.max(), spec.maxExclusive());
            if (spec.defaultValue() != null) {
                s.put("default", plain(spec.defaultValue()));
            }
            return new Option(spec.name(), spec.isRequired(), s);
        }

        static Option of(Key key) {
            return new Option(key.name(), key.isRequired(), SchemaGenerator.key(key));
        }
    }

    /** The options map of one provider or step: every option, nothing else; null when none is required. */
    private static Map<String, Object> options(String description, List<Option> options) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", description);
        boolean anyRequired = options.stream().anyMatch(Option::required);
        s.put("type", anyRequired ? "object" : List.of("object", "null"));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Option option : options) {
            properties.put(option.name(), option.schema());
        }
        s.put("properties", properties);
        List<String> required = options.stream().filter(Option::required).map(Option::name).toList();
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    /** A component reference: a bare name, or a map with exactly one provider name as its key. */
    private static Map<String, Object> reference(String what, List<String> bareNames, Map<String, Object> byName) {
        List<Object> forms = new ArrayList<>();
        if (!bareNames.isEmpty()) {
            forms.add(ordered("type", "string", "enum", bareNames));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "object");
        map.put("properties", byName);
        map.put("additionalProperties", false);
        map.put("minProperties", 1);
        map.put("maxProperties", 1);
        forms.add(map);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", what + ": a name, or {name: {options}}");
        s.put("oneOf", forms);
        return s;
    }

    private static Map<String, Object> section(Key section, boolean isRequired) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", section.description());
        // An empty section (`train:` with nothing under it) reads as null and means all defaults.
        s.put("type", isRequired ? "object" : List.of("object", "null"));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Key key : section.keys()) {
            properties.put(key.name(), key.shape() == Shape.SECTION ? section(key, key.isRequired()) : key(key));
        }
        s.put("properties", properties);
        List<String> required = section.keys().stream().filter(Key::isRequired).map(Key::name).toList();
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        s.put("additionalProperties", false);
        return s;
    }

    private static Map<String, Object> key(Key key) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", key.description());
        switch (key.shape()) {
            case SECTION -> {
                return section(key, key.isRequired());
            }
            case INTEGER, LONG -> s.put("type", "integer");
            case NUMBER -> s.put("type", "number");
            case BOOLEAN -> s.put("type", "boolean");
            case STRING -> {
                if (key.choices().isEmpty()) {
                    s.put("type", List.of("string", "number", "boolean"));
                } else {
                    s.put("enum", key.choices());
                }
                if (key.pattern() != null) {
                    s.put("pattern", key.pattern());
                }
            }
            case COMPONENT -> s.put("$ref", "#/$defs/" + key.kind().label());
            case COMPONENT_LIST -> {
                s.put("type", "array");
                s.put("items", Map.of("$ref", "#/$defs/" + key.kind().label()));
            }
            case STEP_LIST -> {
                s.put("type", "array");
                s.put("items", Map.of("$ref", "#/$defs/preprocess"));
            }
            case CHOICE_LIST -> {
                s.put("type", "array");
                s.put("items", Map.of("enum", key.choices()));
            }
            case PATH_LIST -> {
                s.put("type", "array");
                s.put("items", ordered("type", "string", "minLength", 1));
            }
        }
        if (key.isRequired() && key.shape() == Shape.COMPONENT_LIST) {
            s.put("minItems", 1);
        }
        range(s, key.min(), key.minExclusive(), key.max(), key.maxExclusive());
        if (key.defaultValue() != null) {
            s.put("default", plain(key.defaultValue()));
        }
        return s;
    }

    private static void range(Map<String, Object> s, Double min, boolean minExclusive, Double max, boolean maxExclusive) {
        if (min != null) {
            s.put(minExclusive ? "exclusiveMinimum" : "minimum", min);
        }
        if (max != null) {
            s.put(maxExclusive ? "exclusiveMaximum" : "maximum", max);
        }
    }

    /** String choices, plus the typed forms YAML gives "true", "false" or a number written bare. */
    private static List<Object> choices(List<String> choices) {
        List<Object> all = new ArrayList<>(choices);
        for (String choice : choices) {
            if (choice.equals("true") || choice.equals("false")) {
                all.add(Boolean.valueOf(choice));
            } else if (choice.matches("-?[0-9]+")) {
                all.add(Long.valueOf(choice));
            }
        }
        return all;
    }

    /** A map in the order given, so the schema text is the same on every run: key, value, key, value. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> nullable(String value) {
        List<Object> values = new ArrayList<>();
        values.add(value);
        values.add(null);
        return values;
    }

    /** A default value as JSON: specs as their YAML form, paths as text. */
    private static Object plain(Object value) {
        if (value instanceof Spec spec) {
            return spec.options().isEmpty() ? spec.name() : Map.of(spec.name(), spec.options());
        }
        if (value instanceof Path path) {
            return path.toString();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}
