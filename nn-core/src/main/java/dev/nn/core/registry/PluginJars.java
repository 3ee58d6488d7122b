package dev.nn.core.registry;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.InputFiles;
import dev.nn.api.Spi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Opens plugin jars and class folders, each in a class loader of its own whose parent shows the
 * plugin nothing of nn but {@code dev.nn.api}.
 *
 * <ul>
 * <li>A path names a jar, a class folder (a folder with {@code META-INF/services}), or a folder
 *     of plugins: each {@code *.jar} directly in it is one plugin. Subfolders are not searched, so
 *     a plugin's own libraries can live in {@code lib/} beside it.</li>
 * <li>Each plugin gets its own loader. Its parent sees the JDK and {@code dev.nn.api}, and no
 *     other class or resource of nn (not nn-core, not nn-plugins, not the libraries nn uses), so
 *     a plugin cannot come to depend on nn's internals by accident. The libraries a plugin needs
 *     are shaded into its jar or listed in its manifest's {@code Class-Path} (relative to the
 *     jar); they load in the plugin's own loader, so its versions are the ones it sees.</li>
 * <li>A plugin that lists one of the {@code hostServices} (the runner passes Guice's
 *     {@code Module}) extends the program hosting nn rather than implementing the SPI: its loader
 *     sees every class of nn, and it must be built against the same nn.</li>
 * <li>A jar declaring {@value Spi#MANIFEST_ATTRIBUTE} in its manifest is checked against
 *     {@link Spi#VERSION} before any of its classes loads.</li>
 * <li>A jar that lists no provider is an error: most likely a library put beside a plugin.</li>
 * </ul>
 */
public final class PluginJars {
    private static final String SERVICES = "META-INF/services/";
    /** How a plugin's class loader is named: this, then the plugin's path (stack traces show it too). */
    private static final String LOADER_NAME = "nn-plugin ";

    private static final String API_PACKAGE = Spi.class.getPackageName() + ".";

    private PluginJars() {}

    /**
     * A source per plugin found under {@code paths}, in order; a jar named twice is opened once.
     *
     * @param hostServices service types (class names) that make a plugin an extension of the host program
     * @throws ConfigException naming the jar or path of every problem: missing, unreadable,
     *                         built for another SPI version, or providing nothing
     * @param paths plugin jars or folders of jars
     * @return one source per jar
     */
    public static List<PluginSource> open(List<Path> paths, Collection<String> hostServices) {
        List<Problem> problems = new ArrayList<>();
        Set<Path> plugins = new LinkedHashSet<>();
        for (Path given : paths) {
            Path path = given.toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                problems.add(new Problem(path.toString(), "plugin path not found"));
            } else if (Files.isDirectory(path) && !Files.isDirectory(path.resolve(SERVICES))) {
                try (Stream<Path> files = Files.list(path)) {
                    // Every *.jar but a folder: a FIFO or a device named so is refused, not skipped.
                    files.filter(f -> f.getFileName().toString().endsWith(".jar") && !Files.isDirectory(f))
                            .sorted()
                            .forEach(f -> addJar(f, plugins, problems));
                } catch (IOException e) {
                    problems.add(new Problem(path.toString(), "cannot list the plugin folder: " + e.getMessage()));
                }
            } else if (Files.isDirectory(path)) {
                plugins.add(real(path));
            } else {
                addJar(path, plugins, problems);
            }
        }
        List<PluginSource> sources = new ArrayList<>();
        for (Path plugin : plugins) {
            PluginSource source = open(plugin, hostServices, problems);
            if (source != null) {
                sources.add(source);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return sources;
    }

    /** Adds a jar, or the problem of a path that is not a regular file, named as given (before links are followed). */
    private static void addJar(Path jar, Set<Path> plugins, List<Problem> problems) {
        String notAJar = InputFiles.problem(jar, "a plugin jar or a folder of jars");
        if (notAJar != null) {
            problems.add(new Problem(jar.toString(), notAJar));
        } else {
            plugins.add(real(jar));
        }
    }

    private static PluginSource open(Path plugin, Collection<String> hostServices, List<Problem> problems) {
        String where = plugin.toString();
        Contents contents;
        try {
            contents = Files.isDirectory(plugin) ? Contents.ofFolder(plugin) : Contents.ofJar(plugin);
        } catch (IOException e) {
            problems.add(new Problem(where, "cannot be read as a jar (" + e.getMessage() + ")"));
            return null;
        }
        String declared = contents.manifest() == null
                ? null
                : contents.manifest().getMainAttributes().getValue(Spi.MANIFEST_ATTRIBUTE);
        if (declared != null && Spi.incompatibility(declared) != null) {
            problems.add(new Problem(where, Spi.incompatibility(declared)));
            return null;
        }
        boolean host = contents.services().stream().anyMatch(hostServices::contains);
        if (!host && contents.services().stream().noneMatch(s -> s.startsWith(API_PACKAGE))) {
            problems.add(new Problem(
                    where,
                    "provides nothing to nn: it lists no provider in META-INF/services/"
                            + API_PACKAGE
                            + "*; a library that a plugin needs belongs in the plugin's jar (shaded) or in a"
                            + " subfolder named by the plugin's manifest Class-Path"));
            return null;
        }
        ClassLoader parent = new NnView(PluginJars.class.getClassLoader(), host);
        try {
            URL url = plugin.toUri().toURL();
            return PluginSource.jar(plugin, new URLClassLoader(LOADER_NAME + plugin, new URL[] {url}, parent));
        } catch (IOException e) {
            problems.add(new Problem(where, "not a usable path (" + e.getMessage() + ")"));
            return null;
        }
    }

    /**
     * What to tell a person about an error thrown while a plugin's code ran (a library missing
     * from its jar shows only when the code that needs it first runs): {@code "<jar>: <class>.<method>
     * failed: <why>"}, from the innermost stack frame of a class a plugin loader defined; empty when
     * no plugin code is on the stack.
     *
     * @param error what a provider threw
     * @return the plugin jar to name, if the error came from one
     */
    public static Optional<String> blame(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String loader = frame.getClassLoaderName();
            if (loader != null && loader.startsWith(LOADER_NAME)) {
                return Optional.of(loader.substring(LOADER_NAME.length()) + ": " + frame.getClassName() + "."
                        + frame.getMethodName() + " failed: " + ServiceDiscovery.reason(Object.class, error));
            }
        }
        return Optional.empty();
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /** What a plugin declares: its manifest (may be null) and the service types it lists. */
    private record Contents(Manifest manifest, List<String> services) {
        static Contents ofJar(Path jar) throws IOException {
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> services = new ArrayList<>();
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory()
                            && entry.getName().startsWith(SERVICES)
                            && entry.getName().indexOf('/', SERVICES.length()) < 0) {
                        services.add(entry.getName().substring(SERVICES.length()));
                    }
                }
                return new Contents(file.getManifest(), services);
            }
        }

        static Contents ofFolder(Path folder) throws IOException {
            Manifest manifest = null;
            Path manifestFile = folder.resolve(JarFile.MANIFEST_NAME);
            if (Files.isRegularFile(manifestFile)) {
                try (InputStream in = Files.newInputStream(manifestFile)) {
                    manifest = new Manifest(in);
                }
            }
            try (Stream<Path> files = Files.list(folder.resolve(SERVICES))) {
                return new Contents(
                        manifest,
                        files.filter(Files::isRegularFile)
                                .map(f -> f.getFileName().toString())
                                .toList());
            }
        }
    }

    /**
     * The parent of a plugin's loader: the JDK, and from nn's own loader either the API's classes
     * or (for an extension of the host) every class; never nn's services files, so a plugin's
     * {@link java.util.ServiceLoader} finds its own providers only.
     */
    private static final class NnView extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader nn;
        private final boolean everything;

        NnView(ClassLoader nn, boolean everything) {
            super(everything ? "nn" : "nn-api", ClassLoader.getPlatformClassLoader());
            this.nn = nn;
            this.everything = everything;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (everything || name.startsWith(API_PACKAGE)) {
                return nn.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return visible(name) ? nn.getResource(name) : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return visible(name) ? nn.getResources(name) : Collections.emptyEnumeration();
        }

        private boolean visible(String resource) {
            return everything ? !resource.startsWith(SERVICES) : resource.startsWith(API_PACKAGE.replace('.', '/'));
        }
    }
}
