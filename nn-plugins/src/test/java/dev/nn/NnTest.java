package dev.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.plugins.Activations;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Initializers;
import dev.nn.plugins.Layers;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Preprocessors;
import dev.nn.plugins.ReadmePrograms;
import dev.nn.plugins.Schedules;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-import facade: complete, and the README's one-import program compiled and run. */
class NnTest {

    /** Every public factory of the per-kind classes has its twin here, so the one import stays whole. */
    @Test
    void everyBuiltInFactoryIsInTheFacade() throws Exception {
        Class<?>[] kinds = {
            Layers.class,
            Activations.class,
            Losses.class,
            Optimizers.class,
            Initializers.class,
            Schedules.class,
            Datasets.class,
            Preprocessors.class
        };
        int checked = 0;
        for (Class<?> kind : kinds) {
            for (Method factory : kind.getDeclaredMethods()) {
                if (!Modifier.isPublic(factory.getModifiers()) || !Modifier.isStatic(factory.getModifiers())) {
                    continue;
                }
                // The constant schedule's name is taken by the constant initializer, constant(double).
                String name = kind == Schedules.class && factory.getName().equals("constant")
                        ? "constantSchedule"
                        : factory.getName();
                Method twin = Nn.class.getMethod(name, factory.getParameterTypes());
                assertThat(twin.getReturnType())
                        .as(kind.getSimpleName() + "." + factory.getName())
                        .isEqualTo(factory.getReturnType());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void theReadmeProgramCompilesWithOneImportAndTrains(@TempDir Path dir) throws Exception {
        String source = ReadmePrograms.program("one-import-example");
        assertThat(source.lines().filter(line -> line.startsWith("import")))
                .containsExactly("import static dev.nn.Nn.*;");
        String report = ReadmePrograms.compileAndRun("OneImport", source, dir);
        assertThat(ReadmePrograms.accuracy(report)).isGreaterThanOrEqualTo(0.97);
        assertThat(report.lines()).anyMatch(line -> line.contains("macro avg"));
    }
}
