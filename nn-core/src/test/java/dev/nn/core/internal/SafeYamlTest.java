package dev.nn.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeYamlTest {
    @Test
    void yamlValuesAreTheCoreSchemasTypes() {
        assertThat(SafeYaml.value("1e-8", "test")).isEqualTo(1e-8);
        assertThat(SafeYaml.value("5", "test")).isEqualTo(5);
        assertThat(SafeYaml.value("3000000000", "test")).isEqualTo(3_000_000_000L);
        assertThat(SafeYaml.value("0x1F", "test")).isEqualTo(31);
        assertThat(SafeYaml.value("0o17", "test")).isEqualTo(15);
        assertThat(SafeYaml.value("-.inf", "test")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(SafeYaml.value("True", "test")).isEqualTo(true);
        assertThat(SafeYaml.value("yes", "test")).isEqualTo("yes");
        assertThat(SafeYaml.value("off", "test")).isEqualTo("off");
        assertThat(SafeYaml.value("'5'", "test")).isEqualTo("5");
        assertThat(SafeYaml.value("~", "test")).isNull();
        assertThat(SafeYaml.value("2001-12-14", "test")).isEqualTo("2001-12-14");
        assertThat(SafeYaml.value("!!float 3", "test")).isEqualTo(3.0);
        assertThat(SafeYaml.value("[a, {b: 1}]", "test")).isEqualTo(List.of("a", Map.of("b", 1)));
    }

    @Test
    void aValueThatDoesNotFitItsExplicitTagIsAnError() {
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> SafeYaml.value("!!int ten", "--set x=!!int ten"));

        assertThat(e.problems()).containsExactly(new Problem("--set x=!!int ten", "'ten' is not a valid !!int"));
    }

    @Test
    void everySettingIsToldWhereItIs() {
        Map<String, String> where = new LinkedHashMap<>();
        Object root = SafeYaml.read(
                "a: 1\nb:\n  - x\n  - {c: 2}\n",
                "t.yaml",
                SafeYaml.Kind.CONFIG,
                (path, line, column) -> where.put(path, line + ":" + column));

        assertThat(root).isEqualTo(Map.of("a", 1, "b", List.of("x", Map.of("c", 2))));
        assertThat(where)
                .containsEntry("a", "1:1")
                .containsEntry("b", "2:1")
                .containsEntry("b[0]", "3:5")
                .containsEntry("b[1]", "4:5")
                .containsEntry("b[1].c", "4:6");
    }

    @Test
    void aModelFileIsReadUnderTheSamePolicyInItsOwnWords() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> SafeYaml.read(
                        "seed: !!java.io.File [x]\n", "model.yaml", SafeYaml.Kind.MODEL, (path, line, column) -> {}));

        assertThat(e.problems())
                .containsExactly(new Problem(
                        "model.yaml:1:7",
                        "the tag '!!java.io.File'"
                                + " is not allowed; a model file holds plain values only (text, numbers, true/false, lists and maps),"
                                + " so remove the tag"));
    }

    @Test
    void anEmptyModelFileIsNullWhereAnEmptyConfigIsAProblem() {
        assertThat(SafeYaml.read("# nothing\n", "model.yaml", SafeYaml.Kind.MODEL, (path, line, column) -> {}))
                .isNull();

        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> SafeYaml.read("# nothing\n", "x.yaml", SafeYaml.Kind.CONFIG, (path, line, column) -> {}));
        assertThat(e.problems())
                .containsExactly(new Problem(
                        "x.yaml", "the file is empty; a pipeline needs at least a data and a model section"));
    }

    @Test
    void whatItWritesItReadsBackUnchanged() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("octal", "0o17");
        tree.put("yes", "yes");
        tree.put("exp", "1e5");
        tree.put("time", "2025-02-03T04:05:06Z");
        tree.put("numbers", List.of(1, 3_000_000_000L, 1.0E-10, Double.NaN));
        tree.put("nothing", null);

        assertThat(SafeYaml.read(SafeYaml.dumpBlock(tree), "b", SafeYaml.Kind.MODEL, (p, l, c) -> {}))
                .isEqualTo(tree);
        assertThat(SafeYaml.read(SafeYaml.dump(tree), "f", SafeYaml.Kind.CONFIG, (p, l, c) -> {}))
                .isEqualTo(tree);
    }
}
