package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Parameter;
import dev.nn.core.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Network#toYaml()} gives the {@code model:} section nn reads back into the same network:
 * for every shipped config, the network built from the config and the one built from the config with
 * its model section replaced by that text have the same layers, loss and initial weights, bit for bit.
 */
class ModelSectionRoundTripTest {
    @Test
    void everyShippedConfigsNetworkWritesAModelSectionThatBuildsItAgain(@TempDir Path tmp) throws IOException {
        OtherCommandsTest.copyFixtures(tmp);
        List<Path> configs = OtherCommandsTest.configs();
        assertThat(configs).hasSizeGreaterThanOrEqualTo(6);
        for (Path config : configs) {
            String yaml = Files.readString(config).replace("/usr/share/datasets/fashion-mnist/", "data/tiny-");
            Path original = Files.writeString(tmp.resolve(config.getFileName()), yaml);
            Network built = PipelineSession.open(original, List.of(), List.of())
                    .pipeline
                    .network();
            String section = built.toYaml();
            assertThat(section).as(config.toString()).startsWith("model:\n  layers:\n");

            Path again = Files.writeString(tmp.resolve("again-" + config.getFileName()), withoutModel(yaml) + section);
            Network rebuilt =
                    PipelineSession.open(again, List.of(), List.of()).pipeline.network();

            assertThat(rebuilt.layerSpecs()).as(config.toString()).isEqualTo(built.layerSpecs());
            assertThat(rebuilt.lossSpec()).as(config.toString()).isEqualTo(built.lossSpec());
            assertThat(rebuilt.summary()).as(config.toString()).isEqualTo(built.summary());
            assertThat(rebuilt.toYaml()).as(config.toString()).isEqualTo(section);
            List<Parameter> a = built.parameters();
            List<Parameter> b = rebuilt.parameters();
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).value().data())
                        .as(config + " parameter " + i)
                        .isEqualTo(a.get(i).value().data());
            }
        }
    }

    /** {@code yaml} without its top-level {@code model:} section (the key and its indented lines). */
    private static String withoutModel(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean inModel = false;
        for (String line : yaml.split("\n", -1)) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                inModel = line.startsWith("model:");
            }
            if (!inModel) {
                out.append(line).append('\n');
            }
        }
        return out.toString().stripTrailing() + "\n";
    }
}
