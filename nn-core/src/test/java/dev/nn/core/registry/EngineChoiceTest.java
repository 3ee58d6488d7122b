package dev.nn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;
import dev.nn.api.OptionSpec;
import dev.nn.core.internal.engine.ScalarEngineProvider;
import dev.nn.core.internal.engine.VectorEngineProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How the registry picks the compute engine when none is named, and what it says when it falls back. */
class EngineChoiceTest {

    @Test
    void defaultEngineIsTheVectorEngineWhenTheJvmHasTheVectorModule() {
        // The build's test JVMs run with --add-modules jdk.incubator.vector (nn.jvm.args in the parent pom).
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();

        Engine engine = PluginRegistry.defaultRegistry().engine(null, 2);

        assertThat(engine.name()).isEqualTo("vector");
        assertThat(engine.threads()).isEqualTo(2);
    }

    @Test
    void anAvailableEngineCanStillBeChosenByName() {
        assertThat(PluginRegistry.defaultRegistry().engine("scalar", 1).name()).isEqualTo("scalar");
    }

    @Test
    void fallbackWarningSaysWhichFasterEngineIsMissingAndHowToEnableIt() {
        EngineProvider scalar = new ScalarEngineProvider();
        EngineProvider vector = new NoVectorModule();

        String warning = PluginRegistry.fallbackWarning(scalar, List.of(vector, scalar));

        assertThat(warning)
                .isEqualTo("Using the 'scalar' compute engine because this JVM cannot run the faster"
                        + " 'vector' engine: float32 engine on the Vector API, about 10x faster than 'scalar';"
                        + " needs java started with --add-modules jdk.incubator.vector");
    }

    @Test
    void noWarningWhenTheFastestEngineIsChosenOrOnlySlowerOnesAreMissing() {
        EngineProvider vector = new VectorEngineProvider();
        EngineProvider missingSlowOne = new MissingEngine("slow", 50);

        assertThat(PluginRegistry.fallbackWarning(vector, List.of(vector, missingSlowOne)))
                .isNull();
    }

    @Test
    void registryPassesOverAnUnavailableEngineOfHigherPriority(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + EngineProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, MissingGpu.class.getName() + "\n", StandardCharsets.UTF_8);
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = PluginRegistry.load(loader);

            assertThat(registry.names().get(dev.nn.api.ComponentKind.ENGINE)).contains("gpu", "scalar", "vector");
            assertThat(registry.engine(null, 1).name()).isEqualTo("vector");
            assertThatThrownBy(() -> registry.engine("gpu", 1))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("engine 'gpu' is not available in this JVM: needs a GPU");
        }
    }

    @Test
    @Timeout(60)
    void aJvmWithoutTheVectorModuleListsTheVectorEngineAsUnavailableAndComputesOnTheScalarOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();

        assertThat(output)
                .isEqualTo("vector available=false; default engine=scalar; 2x3 product=[58.0, 64.0]; "
                        + "creating it anyway: the vector engine needs the jdk.incubator.vector module, which this JVM does"
                        + " not have; start java with --add-modules jdk.incubator.vector or choose the scalar engine");
        assertThat(process.exitValue()).isZero();
    }

    /**
     * Run in a JVM without --add-modules jdk.incubator.vector: lists and ranks engines, computes,
     * and asks for the vector engine anyway; a NoClassDefFoundError anywhere would fail the test.
     */
    public static final class Probe {
        public static void main(String[] args) {
            PluginRegistry registry = PluginRegistry.defaultRegistry();
            EngineProvider vector = registry.provider(dev.nn.api.ComponentKind.ENGINE, "vector", "engine");
            Engine engine = registry.engine(null, 2);
            dev.nn.api.Matrix a = dev.nn.api.Matrix.of(new float[] {1, 2, 3});
            dev.nn.api.Matrix b = dev.nn.api.Matrix.of(new float[] {7, 8}, new float[] {9, 10}, new float[] {11, 12});
            dev.nn.api.Matrix c = new dev.nn.api.Matrix(1, 2);
            engine.gemm(false, false, 1f, a, b, 0f, c);
            String created;
            try {
                created = vector.create(1).name();
            } catch (IllegalStateException e) {
                created = e.getMessage();
            }
            System.out.println("vector available=" + vector.isAvailable() + "; default engine=" + engine.name()
                    + "; 2x3 product=" + java.util.Arrays.toString(c.data()) + "; creating it anyway: " + created);
        }
    }

    /** The vector provider as a JVM without the module sees it. */
    private static final class NoVectorModule extends MissingEngine {
        NoVectorModule() {
            super("vector", new VectorEngineProvider().priority(), new VectorEngineProvider().description());
        }
    }

    /** A high-priority engine this JVM cannot run, found through a services file. */
    public static final class MissingGpu extends MissingEngine {
        public MissingGpu() {
            super("gpu", 1000, "needs a GPU");
        }
    }

    private static class MissingEngine implements EngineProvider {
        private final String name;
        private final int priority;
        private final String description;

        MissingEngine(String name, int priority) {
            this(name, priority, "not here");
        }

        MissingEngine(String name, int priority, String description) {
            this.name = name;
            this.priority = priority;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public Engine create(int threads) {
            throw new IllegalStateException(name + " is not available");
        }
    }
}
