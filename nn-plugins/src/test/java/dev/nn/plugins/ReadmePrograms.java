package dev.nn.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.Nn;
import dev.nn.api.Dataset;
import dev.nn.core.Network;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The Java programs README.md shows, taken from it, compiled by javac and run, so the README cannot rot. */
public final class ReadmePrograms {
    private ReadmePrograms() {}

    /**
     * {@return the java code block after {@code <!-- marker -->} in README.md}
     *
     * @param marker the HTML comment's text
     */
    public static String program(String marker) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find())
                .as("README.md has a java block after <!-- %s -->", marker)
                .isTrue();
        return m.group(1);
    }

    /**
     * Compiles {@code source} against nn-api, nn-core and nn-plugins alone (what a user depends on),
     * runs its {@code main} and returns what it printed.
     *
     * @param className the public class the source declares
     * @param source    the program
     * @param dir       a folder for the source and class files
     * @return the program's standard output
     */
    public static String compileAndRun(String className, String source, Path dir) throws Exception {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        String classPath = String.join(
                File.pathSeparator,
                Stream.of(Dataset.class, Network.class, Nn.class)
                        .map(c -> c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                        .toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-cp", classPath, "-d", dir.toString(), file.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmePrograms.class.getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * {@return the accuracy in a classification report, checked to be there}
     *
     * @param report what the program printed
     */
    public static double accuracy(String report) {
        Matcher accuracy = Pattern.compile("accuracy\\s+([0-9.]+)\\s+\\d+").matcher(report);
        assertThat(accuracy.find())
                .as("classification report printed:\n%s", report)
                .isTrue();
        return Double.parseDouble(accuracy.group(1));
    }
}
