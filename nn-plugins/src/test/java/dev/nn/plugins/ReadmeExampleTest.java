package dev.nn.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Dataset;
import dev.nn.core.Network;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the embedding example exactly as the README shows it, so the README cannot
 * rot, and checks that it reaches the accuracy the README promises.
 */
class ReadmeExampleTest {

    static String exampleFromReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- embedding-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a java block after <!-- embedding-example -->").isTrue();
        return m.group(1);
    }

    @Test
    void readmeEmbeddingExampleCompilesRunsAndReaches97Percent(@TempDir Path dir) throws Exception {
        String source = exampleFromReadme();
        Path file = dir.resolve("DigitsExample.java");
        Files.writeString(file, source);
        String classpath = String.join(java.io.File.pathSeparator, Stream.of(Dataset.class, Network.class, Datasets.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath()).toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, "-cp", classpath, "-d", dir.toString(), file.toString());
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("DigitsExample").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        Matcher accuracy = Pattern.compile("accuracy\\s+([0-9.]+)\\s+\\d+").matcher(report);
        assertThat(accuracy.find()).as("classification report printed:\n%s", report).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThanOrEqualTo(0.97);
        assertThat(List.of(report.split("\n"))).anyMatch(line -> line.contains("weighted avg"));
    }
}
