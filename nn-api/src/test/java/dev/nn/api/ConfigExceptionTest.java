package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void aLineBreakInANameFromAFileIsEscapedSoEachProblemStaysOneLine() {
        Problem p =
                new Problem("model.zip", "the zip has no params.bin (it holds pa\rams.bin, model.yaml\n\u0000\u2028)");

        assertThat(p.message())
                .isEqualTo("the zip has no params.bin (it holds pa\\rams.bin, model.yaml\\n\\u0000\\u2028)");
        assertThat(new Problem("a\tb.csv:3", "x").toString()).isEqualTo("a\\tb.csv:3: x");
    }

    @Test
    void theMessageHasOneLinePerProblemInOrder() {
        ConfigException e =
                new ConfigException(List.of(new Problem("a.yaml:1:1", "first"), new Problem("", "second\nline")));

        assertThat(e.getMessage()).isEqualTo("a.yaml:1:1: first\nsecond\\nline");
        assertThat(new Problem(null, "x").toString()).isEqualTo("x");
    }
}
