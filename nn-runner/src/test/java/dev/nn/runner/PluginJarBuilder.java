package dev.nn.runner;

import dev.nn.api.Layer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar in a test: Java sources compiled with the JDK's compiler against nn-api
 * (and whatever else is given), services files, a manifest, and on request a class file marked
 * for a newer Java or a compiled class left out (a missing library).
 */
public final class PluginJarBuilder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>();
    private final Set<String> leftOut = new TreeSet<>();
    private final Map<String, Integer> classVersions = new LinkedHashMap<>();

    /**
     * The source of a layer provider named {@code name}: its layer multiplies every value by option
     * {@code factor}. {@code header} may add an extends clause, {@code constructorBody} a statement.
     */
    public static String scaler(String className, String name, String header, String constructorBody) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                import dev.nn.api.*;
                import java.util.List;

                public class %s %s implements LayerProvider {
                    public %s() {
                        %s
                    }

                    public String name() {
                        return "%s";
                    }

                    public String description() {
                        return "multiplies every value by a factor";
                    }

                    public List<OptionSpec> options() {
                        return List.of(OptionSpec.number("factor", "the multiplier").defaultValue(2.0));
                    }

                    public Layer create(Options options, int size, InitContext init) {
                        float factor = options.floatValue("factor");
                        return new Layer() {
                            public int inputSize() { return size; }
                            public int outputSize() { return size; }
                            public List<Parameter> parameters() { return List.of(); }
                            public Matrix forward(Matrix x, Context ctx) {
                                Matrix y = ctx.buffer(this, "y", x.rows(), size);
                                for (int i = 0; i < x.size(); i++) { y.data()[i] = x.data()[i] * factor; }
                                return y;
                            }
                            public Matrix backward(Matrix g, Context ctx) {
                                Matrix dx = ctx.buffer(this, "dx", g.rows(), size);
                                for (int i = 0; i < g.size(); i++) { dx.data()[i] = g.data()[i] * factor; }
                                return dx;
                            }
                        };
                    }
                }
                """.formatted(
                        className.substring(0, dot),
                        className.substring(dot + 1),
                        header,
                        className.substring(dot + 1),
                        constructorBody,
                        name);
    }

    /** A class of the jar: {@code com.example.Foo} and its source. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists {@code implementation} in {@code META-INF/services/<type>}. */
    public PluginJarBuilder service(String type, String implementation) {
        services.computeIfAbsent(type, t -> new ArrayList<>()).add(implementation);
        return this;
    }

    /** Lists {@code implementation} as a service of {@code type}. */
    public PluginJarBuilder service(Class<?> type, String implementation) {
        return service(type.getName(), implementation);
    }

    /** A main attribute of the jar's manifest. */
    public PluginJarBuilder manifest(String attribute, String value) {
        manifest.put(attribute, value);
        return this;
    }

    /** Compiles against the classes of the jar or folder that holds {@code type} too (nn-api is always there). */
    public PluginJarBuilder compiledAgainst(Class<?> type) {
        classpath.add(locationOf(type));
        return this;
    }

    /** Compiles against a jar or class folder too. */
    public PluginJarBuilder compiledAgainst(Path jar) {
        classpath.add(jar);
        return this;
    }

    /** Compiles the class, but leaves it out of the jar, as a library the plugin forgot to bring. */
    public PluginJarBuilder leaveOut(String className) {
        leftOut.add(className);
        return this;
    }

    /** Marks the class file of {@code className} as compiled for Java {@code feature} (class file version feature + 44). */
    public PluginJarBuilder markedForJava(String className, int feature) {
        classVersions.put(className, feature + 44);
        return this;
    }

    /** Compiles and writes the jar to {@code jar}, creating its folder. */
    public Path build(Path jar) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        compile(classes);
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                String className =
                        name.substring(0, name.length() - ".class".length()).replace('/', '.');
                if (leftOut.contains(className)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                Integer major = classVersions.get(className);
                if (major != null) {
                    bytes[6] = (byte) (major >> 8);
                    bytes[7] = (byte) (int) major;
                }
                write(out, name, bytes);
            }
            for (Map.Entry<String, List<String>> e : services.entrySet()) {
                write(
                        out,
                        "META-INF/services/" + e.getKey(),
                        (String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void write(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        List<String> path = new ArrayList<>(List.of(locationOf(Layer.class).toString()));
        classpath.forEach(p -> path.add(p.toString()));
        List<String> options = List.of(
                "--release",
                "17",
                "-classpath",
                String.join(java.io.File.pathSeparator, path),
                "-d",
                classes.toString(),
                "-proc:none");
        java.io.StringWriter errors = new java.io.StringWriter();
        if (!javac.getTask(errors, null, null, options, null, units).call()) {
            throw new IllegalStateException("the test plugin does not compile:\n" + errors);
        }
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java source held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
