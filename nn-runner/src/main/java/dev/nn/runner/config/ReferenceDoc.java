package dev.nn.runner.config;

import dev.nn.api.ComponentKind;
import dev.nn.api.OptionSpec;
import dev.nn.api.Provider;
import dev.nn.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline format and every provider's options as a Markdown reference ({@code nn schema
 * --markdown}, committed as {@code docs/reference.md}): written from the same {@link OptionSpec}s
 * the loader checks against and the JSON Schema is generated from, so it cannot fall behind them.
 */
public final class ReferenceDoc {
    private ReferenceDoc() {}

    /**
     * {@return the reference for the pipeline format and {@code registry}'s providers}
     *
     * @param registry the providers to describe
     */
    public static String markdown(PluginRegistry registry) {
        StringBuilder md = new StringBuilder();
        md.append("# nn reference\n\n")
                .append("Every key of a pipeline file and every option of every component, with its type, default,\n")
                .append(
                        "range and meaning. Written by `nn schema --markdown` from the declarations the loader checks\n")
                .append("against (a test keeps this file equal to its output); `nn plugins` lists the same for the\n")
                .append("plugins you load.\n\n")
                .append("## The pipeline file\n\n");
        table(md, sectionRows(PipelineFormat.ROOT, ""));
        for (ComponentKind kind : ComponentKind.values()) {
            md.append("\n## ").append(capitalised(kind.plural())).append("\n");
            for (Provider p : registry.providers(kind).values()) {
                md.append("\n### `")
                        .append(p.name())
                        .append("`\n\n")
                        .append(p.description())
                        .append(".\n");
                if (!p.options().isEmpty()) {
                    md.append('\n');
                    List<String> rows = new ArrayList<>();
                    for (OptionSpec o : p.options()) {
                        rows.add(row(o, o.name()));
                        if (o.type() == OptionSpec.Type.MAP
                                && o.options().get(0).type() == OptionSpec.Type.SECTION) {
                            // A map's values, as their keys under a placeholder name: `columns.<column>.type`.
                            OptionSpec item = o.options().get(0);
                            rows.addAll(sectionRows(item, o.name() + ".<" + item.name() + ">"));
                        }
                    }
                    table(md, rows);
                }
            }
        }
        return md.toString();
    }

    /** One row per key of {@code section}, nested sections' keys after it, named by their dotted path. */
    private static List<String> sectionRows(OptionSpec section, String prefix) {
        List<String> rows = new ArrayList<>();
        for (OptionSpec key : section.options()) {
            String path = prefix.isEmpty() ? key.name() : prefix + "." + key.name();
            rows.add(row(key, path));
            if (key.type() == OptionSpec.Type.SECTION) {
                rows.addAll(sectionRows(key, path));
            }
        }
        return rows;
    }

    private static void table(StringBuilder md, List<String> rows) {
        md.append("| option | type | default | meaning |\n|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
    }

    private static String row(OptionSpec o, String path) {
        String type = switch (o.type()) {
            case COMPONENT -> o.componentKind().label();
            case LIST -> "list of " + itemType(o.options().get(0));
            case MAP ->
                "map of " + o.options().get(0).name() + " to "
                        + itemType(o.options().get(0));
            default -> o.type().label();
        };
        if (!o.rangeText().isEmpty()) {
            type += " in " + o.rangeText();
        }
        if (!o.choices().isEmpty()) {
            type += ": " + String.join(" \\| ", o.choices());
        }
        String value =
                o.isRequired() ? "required" : o.defaultValue() == null ? "" : "`" + yamlText(o.defaultValue()) + "`";
        return "| `" + path + "` | " + type + " | " + value + " | "
                + o.description().replace("|", "\\|") + " |";
    }

    /**
     * {@return a default as YAML reads it back in flow style: a list's strings quoted where YAML would
     * read them otherwise ({@code ["", NA, "null", "?"]})}
     *
     * @param value the default
     */
    public static String yamlText(Object value) {
        if (value instanceof List<?> items) {
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                texts.add(item instanceof String text && needsQuotes(text) ? "\"" + text + "\"" : String.valueOf(item));
            }
            return "[" + String.join(", ", texts) + "]";
        }
        return String.valueOf(value);
    }

    private static boolean needsQuotes(String text) {
        return !text.matches("[A-Za-z0-9_./-]+")
                || text.matches("(?i)null|true|false|yes|no|on|off|y|n|~")
                || text.matches("[-+]?[0-9.].*");
    }

    private static String itemType(OptionSpec item) {
        return item.type() == OptionSpec.Type.COMPONENT
                ? item.componentKind().label()
                : item.type() == OptionSpec.Type.SECTION
                        ? "{" + String.join(", ", item.keyNames()) + "}"
                        : item.type().label();
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
