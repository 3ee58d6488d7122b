package dev.nn.runner.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.config.ConfigLoader;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.pipeline.Pipeline;
import dev.nn.runner.pipeline.PluginFolders;
import dev.nn.runner.pipeline.RunnerModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A config loaded for a command: its plugins found, its options checked, its pipeline wired by
 * Guice. Errors found after loading (a layer that does not fit the data, say) are reported at the
 * config line they come from.
 */
final class PipelineSession {
    final PipelineConfig config;
    final PluginRegistry registry;
    final Pipeline pipeline;

    private PipelineSession(PipelineConfig config, PluginRegistry registry, Pipeline pipeline) {
        this.config = config;
        this.registry = registry;
        this.pipeline = pipeline;
    }

    /**
     * Loads {@code file} with {@code overrides} ({@code train.epochs=5}) and the plugins of its
     * {@code plugins:} and of {@code morePlugins} (the command line's), checking everything but the data.
     */
    static PipelineSession open(Path file, List<String> overrides, List<Path> morePlugins) {
        Path absolute = file.toAbsolutePath().normalize();
        InputFiles.refuseNonRegular(file, ConfigLoader.CONFIG_FILE);
        if (!Files.isRegularFile(absolute)) {
            throw new ConfigException(file.toString(), "config file not found");
        }
        // Plugins come first: they decide which names the rest of the file may use.
        List<Path> plugins;
        try {
            plugins = ConfigLoader.plugins(absolute, overrides);
        } catch (ConfigException e) {
            // Report the plugin problems together with everything else the file gets wrong.
            new ConfigLoader(PluginRegistry.defaultRegistry()).load(absolute, overrides);
            throw e;
        }
        List<Path> all = new ArrayList<>(plugins);
        all.addAll(morePlugins);
        PluginRegistry registry = PluginFolders.registry(all);
        PipelineConfig config = new ConfigLoader(registry).load(absolute, overrides);
        Injector injector = Guice.createInjector(new RunnerModule(config, registry));
        return new PipelineSession(config, registry, injector.getInstance(Pipeline.class));
    }

    /** The config's thread count, or every processor when it sets none. */
    int threads() {
        return config.threads() != null
                ? config.threads()
                : Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code step}, reporting a ConfigException's option paths as {@code file:line:col} of this config. */
    <T> T located(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            throw locate(e);
        }
    }

    NnCommand.LocatedException locate(ConfigException e) {
        return new NnCommand.LocatedException(
                config.located(e).problems().stream().map(Object::toString).toList(), e);
    }
}
