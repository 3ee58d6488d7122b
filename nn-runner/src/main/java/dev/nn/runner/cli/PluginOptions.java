package dev.nn.runner.cli;

import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.pipeline.PluginFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugins}, on every command that resolves component names (mixed in with picocli's {@code @Mixin}). */
final class PluginOptions {
    @Option(
            names = "--plugins",
            paramLabel = "PATH",
            description = "A plugin jar, or a folder of plugin jars, to load"
                    + " besides a config's plugins: list (repeatable).")
    List<Path> paths = new ArrayList<>();

    /** The given paths, absolute (relative ones are taken from the working directory). */
    List<Path> absolute() {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The built-in providers plus those of the given plugins. */
    PluginRegistry registry() {
        return PluginFolders.registry(absolute());
    }
}
