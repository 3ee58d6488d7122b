package dev.nn.plugins.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.plugins.Damage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * A damaged model file (the golden one, cut short, with bits flipped, bytes overwritten, inserted
 * or dropped) either loads as exactly the model it was, when the damage hit only zip metadata nn
 * does not use, or is refused with a {@link ConfigException} naming the file. Never a partly loaded
 * model, never another exception.
 */
class DamagedModelFilePropertyTest {
    private static final Path GOLDEN = Path.of("src/test/resources/models/format-1.zip");
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();
    private static byte[] original;
    private static SavedModel expected;
    private static Matrix expectedPredictions;
    private static Path dir;

    @BeforeContainer
    static void loadTheGoldenFile() throws IOException {
        original = Files.readAllBytes(GOLDEN);
        expected = ModelFile.load(GOLDEN, REGISTRY, 1);
        expectedPredictions = expected.predict(Matrix.of(GoldenModelFiles.INPUTS));
        dir = Files.createTempDirectory("nn-damaged-model");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        Files.deleteIfExists(dir.resolve("model.zip"));
        Files.deleteIfExists(dir);
    }

    @Property(tries = 3000)
    void aDamagedModelFileLoadsWholeOrIsRefusedNamingTheFile(@ForAll long seed) throws IOException {
        Damage.Applied damage = Damage.apply(original, new SplittableRandom(seed));
        Path file = dir.resolve("model.zip");
        Files.write(file, damage.bytes());

        SavedModel loaded;
        try {
            loaded = ModelFile.load(file, REGISTRY, 1);
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .as(damage.description())
                    .allSatisfy(p -> assertThat(p.where()).isEqualTo(file.toString()));
            assertThat(e.getMessage()).as(damage.description()).doesNotContain("\r");
            Statistics.label("outcome").collect(Damage.kind(e));
            return;
        }
        Statistics.label("outcome").collect("loads as the same model");
        assertThat(loaded.info()).as(damage.description()).isEqualTo(expected.info());
        assertThat(loaded.network().summary())
                .as(damage.description())
                .isEqualTo(expected.network().summary());
        assertThat(loaded.predict(Matrix.of(GoldenModelFiles.INPUTS)))
                .as(damage.description())
                .isEqualTo(expectedPredictions);
    }
}
