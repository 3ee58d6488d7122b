package dev.nn.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/reference.md is what {@code nn schema --markdown} writes today, so it covers every option there is. */
class ReferenceDocTest {
    private static final Path DOC = Path.of("..", "docs", "reference.md");

    @Test
    void theCommittedReferenceIsTheGeneratedOne() throws IOException {
        String generated = ReferenceDoc.markdown(PluginRegistry.defaultRegistry());
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/reference.md is out of date: regenerate it with"
                        + " bin/nn schema --markdown --out docs/reference.md")
                .isEqualTo(generated);
    }

    @Test
    void itNamesEveryKeyOfThePipelineAndEveryOptionOfABuiltInComponent() {
        String generated = ReferenceDoc.markdown(PluginRegistry.defaultRegistry());
        assertThat(generated)
                .contains(
                        "| `data.preprocess` | list of preprocessor |",
                        "| `train.early_stopping.patience` |",
                        "### `batch_norm`",
                        "| `momentum` | number in [0, 1] | `0.1` |",
                        "| `max_norm` | number in (0, inf) |  |");
    }
}
