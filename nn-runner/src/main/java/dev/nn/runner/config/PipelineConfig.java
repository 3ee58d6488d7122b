package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.core.internal.SafeYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checked pipeline config: what {@code nn train} runs, with every default filled in.
 *
 * <p>Everything in it has been checked against the pipeline format and the plugin registry
 * (names, option types, ranges, that data files exist); what can only be checked with the data in
 * hand, such as the output layer matching the classes, is left to building the network. Errors
 * found then can still point into the file with {@link #locate}.
 *
 * @param file      absolute path of the YAML file; relative paths in it resolve against its folder
 * @param name      the run's name (default: the file name without its extension)
 * @param seed      the seed of every random choice (default 42)
 * @param threads   engine threads, or null for all cores
 * @param plugins   plugin jars or folders, absolute
 * @param distributed where training runs when not on this machine alone ({@code distributed:}), or null
 * @param resolved  the whole resolved tree (defaults &lt; YAML &lt; {@code --set}) as plain maps, lists and
 *                  scalars, in the format's key order: what the run folder's {@code config.yaml} holds
 * @param positions where each setting came from
 */
public record PipelineConfig(
        Path file,
        String name,
        long seed,
        Integer threads,
        DataConfig data,
        ModelConfig model,
        TrainConfig train,
        ReportConfig report,
        List<Path> plugins,
        DistributedConfig distributed,
        Map<String, Object> resolved,
        SourcePositions positions) {

    /**
     * Keeps read-only copies of the lists and the resolved tree.
     *
     * @param file      the YAML file, absolute
     * @param name      the run's name
     * @param seed      the seed of every random choice
     * @param threads   engine threads, or null for all cores
     * @param data      the data section
     * @param model     the model section
     * @param train     the train section
     * @param report    the report section
     * @param plugins   plugin jars or folders, absolute
     * @param distributed the distributed section, or null
     * @param resolved  the whole resolved tree
     * @param positions where each setting came from
     */
    public PipelineConfig {
        plugins = List.copyOf(plugins);
    }

    /**
     * Where the setting at {@code optionPath} ({@code model.layers[2].dense.units}) came from, as
     * {@code "file.yaml:LINE:COL"} (1-based) of the closest enclosing setting in the file, the
     * {@code --set} that gave it, or the file name alone.
     * @param optionPath a setting's path in the config
     * @return its place
     */
    public String locate(String optionPath) {
        return positions.locate(optionPath);
    }

    /**
     * {@code e}'s problems pointed into the file, as {@link ConfigLoader#load} reports its own: a
     * problem whose {@code where} is an option path of this config ({@code model.layers[3].dense},
     * {@code data}, as the network builder and trainer report them) gets the setting's
     * {@code file:line:col} and the path at the start of its message; other problems (such as one in
     * a data file) stay as they are.
     * @param e a problem found while building or training
     * @return the same problems, located
     */
    public ConfigException located(ConfigException e) {
        return new ConfigException(ConfigLoader.located(e.problems(), positions, true));
    }

    /** {@return {@link #resolved()} as YAML text, for the run folder's {@code config.yaml}; it loads back to the same config} */
    public String resolvedYaml() {
        return yaml(resolved);
    }

    /**
     * {@return a resolved config tree (such as the one a model file records) as YAML text that loads back to it}
     *
     * @param resolved the tree, as plain maps and lists
     */
    public static String yaml(Map<String, Object> resolved) {
        return SafeYaml.dump(resolved);
    }
}
