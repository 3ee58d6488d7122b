package dev.nn.core.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where providers come from: nn's own class path, one plugin jar (or class folder) with its own
 * class loader, or providers handed to the registry directly.
 *
 * @param label    how messages and {@code nn plugins} name it: {@code classpath}, the jar's path, or a given label
 * @param location the plugin jar or folder; null for the class path and for given providers
 * @param loader   the class loader its services are found in; null for given providers
 */
public record PluginSource(String label, Path location, ClassLoader loader) {
    /** The label of nn's own class path. */
    public static final String CLASSPATH = "classpath";

    /**
     * Checks that there is a label.
     *
     * @param label    how messages and {@code nn plugins} name it: {@code classpath}, the jar's path, or a given label
     * @param location the plugin jar or folder; null for the class path and for given providers
     * @param loader   the class loader its services are found in; null for given providers
     */
    public PluginSource {
        Objects.requireNonNull(label, "label");
    }

    /**
     * {@return the services visible to {@code loader}: nn's own class path, and whatever else that loader sees}
     *
     * @param loader the class loader
     */
    public static PluginSource classpath(ClassLoader loader) {
        return new PluginSource(CLASSPATH, null, Objects.requireNonNull(loader, "loader"));
    }

    /**
     * {@return a plugin jar or class folder and the loader made for it alone}
     *
     * @param location the jar or folder
     * @param loader   its class loader
     */
    public static PluginSource jar(Path location, ClassLoader loader) {
        return new PluginSource(location.toString(), location, Objects.requireNonNull(loader, "loader"));
    }

    /**
     * {@return providers handed over as objects (by a test, say), named {@code label} in messages}
     *
     * @param label how messages name them
     */
    public static PluginSource given(String label) {
        return new PluginSource(label, null, null);
    }

    /** {@return true for nn's own class path: the built-in providers} */
    public boolean isClasspath() {
        return CLASSPATH.equals(label) && location == null && loader != null;
    }

    @Override
    public String toString() {
        return label;
    }
}
