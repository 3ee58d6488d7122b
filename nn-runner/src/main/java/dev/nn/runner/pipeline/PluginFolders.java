package dev.nn.runner.pipeline;

import dev.nn.api.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where plugins come from: nn's own classpath plus the jars (or class folders) the user names,
 * and nothing else.
 */
public final class PluginFolders {
    private PluginFolders() {
    }

    /**
     * A class loader over the given plugin jars and folders (a folder contributes itself and every
     * jar directly in it), whose parent is nn's own class loader.
     *
     * @throws ConfigException when a named path does not exist
     */
    public static ClassLoader loader(List<Path> plugins) {
        ClassLoader parent = PluginFolders.class.getClassLoader();
        if (plugins.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            Path path = plugins.get(i);
            if (!Files.exists(path)) {
                throw new ConfigException("plugins[" + i + "]", "plugin path not found: " + path);
            }
            try {
                urls.add(path.toUri().toURL());
                if (Files.isDirectory(path)) {
                    try (Stream<Path> jars = Files.list(path)) {
                        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                }
            } catch (MalformedURLException e) {
                throw new ConfigException("plugins[" + i + "]", "not a usable path: " + path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugin folder " + path, e);
            }
        }
        return new URLClassLoader("nn-plugins", urls.toArray(URL[]::new), parent);
    }
}
