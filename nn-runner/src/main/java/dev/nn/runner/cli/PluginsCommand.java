package dev.nn.runner.cli;

import dev.nn.api.ComponentKind;
import dev.nn.api.OptionSpec;
import dev.nn.api.Provider;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.registry.PluginSource;
import dev.nn.runner.config.ReferenceDoc;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description =
                "List every provider (layers, losses, optimizers, ...) with its options, defaults and descriptions,"
                        + " and where it comes from: built-in, or the plugin jar that holds it.")
final class PluginsCommand implements Callable<Integer> {
    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "Only this kind: layer, loss, optimizer, initializer, schedule, dataset or engine.")
    String kind;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = plugins.registry();
        List<ComponentKind> kinds = new ArrayList<>(List.of(ComponentKind.values()));
        if (kind != null) {
            try {
                kinds = List.of(ComponentKind.fromLabel(kind));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown kind '" + kind
                                + "'; use one of layer, loss, optimizer, initializer, schedule, dataset, engine");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ComponentKind k : kinds) {
            out.println(k.plural() + ":");
            for (Provider p : registry.providers(k).values()) {
                PluginSource source = registry.source(p);
                out.println("  " + p.name() + " - " + p.description() + "  ["
                        + (source.isClasspath() ? "built-in" : source) + "]");
                for (OptionSpec o : p.options()) {
                    StringBuilder line = new StringBuilder("      ")
                            .append(o.name())
                            .append(" (")
                            .append(typeText(o));
                    if (o.isRequired()) {
                        line.append(", required");
                    } else if (o.defaultValue() != null) {
                        line.append(", default ").append(ReferenceDoc.yamlText(o.defaultValue()));
                    }
                    if (!o.rangeText().isEmpty()) {
                        line.append(", in ").append(o.rangeText());
                    }
                    if (!o.choices().isEmpty()) {
                        line.append(o.type() == OptionSpec.Type.LIST ? ", or " : ", one of ")
                                .append(String.join("|", o.choices()));
                    }
                    line.append("): ").append(o.description());
                    out.println(line);
                }
            }
        }
        return NnCommand.OK;
    }

    /** {@return the option's type as listed: "integer", "layer", "list of numbers in [0, 1]", "map of column to {type, ...}"} */
    private static String typeText(OptionSpec o) {
        OptionSpec item = o.options().isEmpty() ? null : o.options().get(0);
        return switch (o.type()) {
            case COMPONENT -> o.componentKind().label();
            case LIST ->
                "list of " + item.type().label() + "s" + (item.rangeText().isEmpty() ? "" : " in " + item.rangeText());
            case MAP ->
                "map of " + item.name() + " to "
                        + (item.type() == OptionSpec.Type.SECTION
                                ? "{" + String.join(", ", item.keyNames()) + "}"
                                : item.type().label());
            default -> o.type().label();
        };
    }
}
