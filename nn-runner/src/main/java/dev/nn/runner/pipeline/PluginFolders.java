package dev.nn.runner.pipeline;

import com.google.inject.Module;
import dev.nn.api.ConfigException;
import dev.nn.core.registry.PluginJars;
import dev.nn.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the runner's providers come from: nn's own class path plus the plugin jars and folders a
 * config's {@code plugins:} and the command line's {@code --plugins} name, each jar in a class
 * loader of its own that sees only {@code dev.nn.api} ({@link PluginJars}). A jar that lists a
 * Guice {@link Module} in {@code META-INF/services} extends the runner itself, and sees all of it.
 */
public final class PluginFolders {
    private PluginFolders() {}

    /**
     * The built-in providers plus those of {@code plugins} (absolute paths; the same jar named twice
     * is loaded once).
     *
     * @throws ConfigException naming the jar (and class) of every plugin that cannot be used
     * @param plugins plugin jars or folders
     * @return the registry
     */
    public static PluginRegistry registry(List<Path> plugins) {
        PluginRegistry builtIn = PluginRegistry.defaultRegistry();
        return plugins.isEmpty()
                ? builtIn
                : builtIn.withSources(PluginJars.open(plugins, List.of(Module.class.getName())));
    }
}
