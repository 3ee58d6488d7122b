package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.OptionSpec;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.OptionChecker;
import dev.nn.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
    private static final List<ComponentKind> KINDS = List.of(
            ComponentKind.DATASET,
            ComponentKind.LAYER,
            ComponentKind.LOSS,
            ComponentKind.OPTIMIZER,
            ComponentKind.SCHEDULE,
            ComponentKind.INITIALIZER,
            ComponentKind.PREPROCESSOR);

    private SchemaGenerator() {}

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
            defs.putAll(providers(
                    kind.label(),
                    OptionChecker.withArticle(kind),
                    registry.providers(kind).values()));
        }
        schema.put("$defs", defs);
        return JsonWriter.write(schema);
    }

    /** The definitions of {@code providers}' options ({@code "layer.dense"}), and {@code label}: a reference to one of them. */
    private static Map<String, Object> providers(String label, String what, Collection<? extends Provider> providers) {
        Map<String, Object> defs = new LinkedHashMap<>();
        Map<String, Object> byName = new LinkedHashMap<>();
        List<String> bareNames = new ArrayList<>();
        for (Provider provider : providers) {
            String def = label + "." + provider.name();
            defs.put(def, options(provider.description(), provider.options(), false, false));
            byName.put(provider.name(), Map.of("$ref", "#/$defs/" + def));
            if (provider.options().stream().noneMatch(OptionSpec::isRequired)) {
                bareNames.add(provider.name());
            }
        }
        defs.put(label, reference(what, bareNames, byName));
        return defs;
    }

    /** The options map of a provider or a section: every key, nothing else; may be null when none is required. */
    private static Map<String, Object> options(
            String description, List<OptionSpec> options, boolean isRequired, boolean inSection) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", description);
        // An empty section (`train:` with nothing under it) reads as null and means all defaults.
        s.put(
                "type",
                isRequired || options.stream().anyMatch(OptionSpec::isRequired) ? "object" : List.of("object", "null"));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (OptionSpec option : options) {
            properties.put(option.name(), property(option, inSection));
        }
        s.put("properties", properties);
        List<String> required = options.stream()
                .filter(OptionSpec::isRequired)
                .map(OptionSpec::name)
                .toList();
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

    private static Map<String, Object> section(OptionSpec section, boolean isRequired) {
        return options(section.description(), section.options(), isRequired, true);
    }

    /** The schema of one option's value; {@code inSection}: a key of the pipeline's own sections, not a provider's. */
    private static Map<String, Object> property(OptionSpec spec, boolean inSection) {
        if (spec.type() == OptionSpec.Type.SECTION) {
            return section(spec, spec.isRequired());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("description", spec.description());
        switch (spec.type()) {
            case INTEGER, LONG -> s.put("type", "integer");
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
                if (spec.pattern() != null) {
                    s.put("pattern", spec.pattern());
                }
            }
            case COMPONENT -> {
                Map<String, Object> ref =
                        Map.of("$ref", "#/$defs/" + spec.componentKind().label());
                // "none" (or nothing) switches off a provider's optional component, such as dense's activation.
                if (!inSection && (spec.defaultValue() == null || "none".equals(spec.defaultValue()))) {
                    s.put(
                            "anyOf",
                            List.of(
                                    ref,
                                    ordered(
                                            "description",
                                            "none: no " + spec.componentKind().label(),
                                            "enum",
                                            nullable("none"))));
                } else {
                    s.putAll(ref);
                }
            }
            case MAP -> {
                s.put("type", "object");
                s.put("additionalProperties", property(spec.options().get(0), inSection));
            }
            default -> {
                OptionSpec item = spec.options().get(0);
                if (!inSection && item.type() != OptionSpec.Type.COMPONENT) {
                    // A provider's list: the list, one item alone, or one of its words (class_weights: balanced).
                    Map<String, Object> one = property(item, false);
                    Map<String, Object> array = ordered("type", "array", "items", one);
                    List<Object> forms = new ArrayList<>(List.of(array, one));
                    if (!spec.choices().isEmpty()) {
                        forms.add(Map.of("enum", choices(spec.choices())));
                    }
                    s.put("anyOf", forms);
                    break;
                }
                s.put("type", "array");
                s.put(
                        "items",
                        item == PipelineFormat.PLUGIN
                                ? ordered("type", "string", "minLength", 1)
                                : item.type() == OptionSpec.Type.COMPONENT
                                        ? Map.of(
                                                "$ref",
                                                "#/$defs/"
                                                        + item.componentKind().label())
                                        : Map.of("enum", item.choices()));
                if (spec.isRequired() && item.type() == OptionSpec.Type.COMPONENT) {
                    s.put("minItems", 1);
                }
            }
        }
        range(s, spec.min(), spec.minExclusive(), spec.max(), spec.maxExclusive());
        if (spec.defaultValue() != null) {
            s.put("default", plain(spec.defaultValue()));
        }
        return s;
    }

    private static void range(
            Map<String, Object> s, Double min, boolean minExclusive, Double max, boolean maxExclusive) {
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
