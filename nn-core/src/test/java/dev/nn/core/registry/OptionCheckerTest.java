package dev.nn.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException.Problem;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
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
                        "run.tags[1]: must be one of a, b, got 'c'",
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

    /** A provider whose one option maps names the user chooses to sections of settings. */
    private static final Provider TABLE = new Provider() {
        @Override
        public String name() {
            return "table";
        }

        @Override
        public String description() {
            return "a table";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.map(
                    "columns",
                    OptionSpec.section(
                            "column",
                            "one column",
                            OptionSpec.string("type", "its type").choices("number", "category"),
                            OptionSpec.integer("width", "its width").defaultValue(1)),
                    "the columns"));
        }
    };

    @Test
    void aMapOptionChecksEachValueUnderItsNameWithDefaultsFilledIn() {
        Map<Object, Object> columns = new LinkedHashMap<>();
        columns.put(2, Map.of("type", "number"));
        columns.put("b", null);
        Options options = checker.check(TABLE, Spec.of("table", Map.of("columns", columns)), "data");

        assertThat(problems()).isEmpty();
        assertThat(options.get("columns"))
                .isEqualTo(Map.of("2", Map.of("type", "number", "width", 1), "b", Map.of("width", 1)));
    }

    @Test
    void aMapOptionsProblemsAreAtTheirKeysPath() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "text");
        c.put("widht", 2);
        checker.check(TABLE, Spec.of("table", Map.of("columns", Map.of("c", c))), "data");
        checker.check(TABLE, Spec.of("table", Map.of("columns", 7)), "data");

        assertThat(problems())
                .containsExactly(
                        "data.columns.c.widht: unknown key 'widht' in data.columns.c (did you mean 'width'?); its keys are:"
                                + " type, width",
                        "data.columns.c.type: must be one of number, category, got 'text'",
                        "data.columns: option 'columns' must be a map from column names to their settings (type, width),"
                                + " got 7");
    }
}
