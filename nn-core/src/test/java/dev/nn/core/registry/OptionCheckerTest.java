package dev.nn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException.Problem;
import dev.nn.api.OptionSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A section of keys declared with {@link OptionSpec}s is checked as a provider's options are, in a config's words. */
class OptionCheckerTest {
    private static final OptionSpec SECTION = OptionSpec.section(
            "run",
            "a run",
            OptionSpec.longInteger("seed", "the seed").defaultValue(42L),
            OptionSpec.integer("epochs", "passes").defaultValue(10).atLeast(1),
            OptionSpec.number("rate", "a fraction").atLeast(0).below(1),
            OptionSpec.list("tags", OptionSpec.string("tag", "a tag").choices("a", "b"), "tags")
                    .defaultValue(List.of()),
            OptionSpec.section(
                            "inner", "nested", OptionSpec.bool("on", "a switch").defaultValue(true))
                    .defaultValue(Map.of()),
            OptionSpec.string("id", "an id").pattern("[a-z]+"));

    private final OptionChecker checker = new OptionChecker(null, Path.of(""));

    private List<String> problems() {
        return checker.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void defaultsAreFilledInInDeclarationOrder() {
        Map<String, Object> resolved = checker.section(SECTION, Map.of("rate", 0.5, "seed", 5_000_000_000L), "run");

        assertThat(problems()).isEmpty();
        assertThat(resolved)
                .containsExactly(
                        Map.entry("seed", 5_000_000_000L),
                        Map.entry("epochs", 10),
                        Map.entry("rate", 0.5),
                        Map.entry("tags", List.of()),
                        Map.entry("inner", Map.of("on", true)));
    }

    @Test
    void everyProblemIsReportedUnderItsPathInOneWording() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("epoch", 3);
        given.put("epochs", 0);
        given.put("rate", 1.5);
        given.put("tags", List.of("a", "c"));
        given.put("inner", 7);
        given.put("id", "A1");
        given.put("seed", null);
        checker.section(SECTION, given, "run");

        assertThat(problems())
                .containsExactly(
                        "run.epoch: unknown key 'epoch' in run (did you mean 'epochs'?); its keys are: seed, epochs, rate, tags,"
                                + " inner, id",
                        "run.seed: needs a value; remove the key to use the default, 42",
                        "run.epochs: must be at least 1, got 0",
                        "run.rate: must be in [0, 1), got 1.5",
                        "run.tags[1]: must be one of a, b, got 'c' (did you mean 'a'?)",
                        "run.inner: must be a map of settings (on), got 7",
                        "run.id: must match [a-z]+, got 'A1'");
    }

    @Test
    void aTypeErrorSaysTheRangeToo() {
        checker.section(SECTION, Map.of("epochs", "ten", "tags", "a"), "");

        assertThat(problems())
                .containsExactly(
                        "epochs: must be an integer (at least 1), got \"ten\" (a string)",
                        "tags: must be a list, such as [a, b], got \"a\" (a string)");
    }
}
