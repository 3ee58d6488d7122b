package dev.nn.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.nn.api.ComponentKind;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The generated JSON Schema accepts every good config (and the repository's configs/) and flags bad ones, as an editor would. */
class SchemaGeneratorTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();
    private static final String SCHEMA = SchemaGenerator.generate(REGISTRY);
    private static final Schema VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA, InputFormat.JSON);

    /** The good configs here and every config of the repository, if it has its configs/ folder yet. */
    static Stream<Path> configs() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(ConfigLoaderTest.GOOD, Path.of("../configs"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".yaml")
                                    || f.toString().endsWith(".yml"))
                            .sorted()
                            .forEach(all::add);
                }
            }
        }
        return all.stream();
    }

    @Test
    void theSchemaIsValidDraft2020Json() {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(SCHEMA, InputFormat.JSON)).isEmpty();
        assertThat(SCHEMA).startsWith("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyGoodConfigValidates(Path file) {
        assertThat(validate(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "unknown-layer.yaml",
                "unknown-option.yaml",
                "unknown-keys.yaml",
                "wrong-types.yaml",
                "negative-units.yaml",
                "missing-section.yaml",
                "nested-typos.yaml",
                "bad-references.yaml",
                "bad-preprocess.yaml",
                "bad-name.yaml",
                "top-level-list.yaml"
            })
    void badConfigsFailTheSchemaToo(String name) throws IOException {
        assertThat(validate(BadConfigsTest.DIR.resolve(name))).isNotEmpty();
    }

    @Test
    void theSchemaFlagsAMisspeltOptionWhereItIs() {
        List<Error> errors = VALIDATOR.validate("""
                data: {dataset: digits}
                model:
                  layers: [{dense: {units: 10, unit: 3}}]
                  loss: softmax_cross_entropy
                """, InputFormat.YAML);

        assertThat(errors).extracting(e -> e.getInstanceLocation().toString()).contains("/model/layers/0/dense");
        assertThat(errors.toString()).contains("unit");
    }

    @Test
    void everyProviderIsInTheSchemaWithItsOptions() {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA);
        JsonNode defs = schema.get("$defs");

        for (ComponentKind kind : List.of(
                ComponentKind.LAYER,
                ComponentKind.LOSS,
                ComponentKind.OPTIMIZER,
                ComponentKind.INITIALIZER,
                ComponentKind.SCHEDULE,
                ComponentKind.DATASET)) {
            JsonNode byName = defs.get(kind.label()).get("oneOf").get(1).get("properties");
            assertThat(byName.propertyNames())
                    .as(kind.label())
                    .containsExactlyInAnyOrderElementsOf(
                            REGISTRY.providers(kind).keySet());
        }
        JsonNode dense = defs.get("layer.dense");
        assertThat(dense.get("required").get(0).asString()).isEqualTo("units");
        assertThat(dense.get("properties").get("units").get("minimum").asInt()).isEqualTo(1);
        assertThat(dense.get("properties").get("init").get("default").asString())
                .isEqualTo("xavier_uniform");
        assertThat(dense.get("description").asString()).isEqualTo("fully connected layer: y = x W + b");
        JsonNode bareLayers = defs.get("layer").get("oneOf").get(0).get("enum");
        assertThat(bareLayers.toString()).contains("\"relu\"").doesNotContain("\"dense\"");
        assertThat(defs.get("optimizer.adam")
                        .get("properties")
                        .get("eps")
                        .get("default")
                        .asDouble())
                .isEqualTo(1e-8);
        assertThat(schema.get("properties")
                        .get("train")
                        .get("properties")
                        .get("epochs")
                        .get("default")
                        .asInt())
                .isEqualTo(10);
    }

    /**
     * The schema's errors for {@code file} as the loader reads it. Jackson's YAML reader does not
     * follow aliases, so the file is read as the loader reads it and handed over as JSON.
     */
    private static List<Error> validate(Path file) {
        Object tree = ConfigYaml.read(file, file.toString()).root();
        return VALIDATOR.validate(JsonWriter.write(tree), InputFormat.JSON);
    }

    @Test
    void theSchemaIsTheSameEveryTime() {
        assertThat(SchemaGenerator.generate(REGISTRY)).isEqualTo(SCHEMA);
    }

    @Test
    void jsonStringsEscapeWhatJsonRequires() {
        assertThat(JsonWriter.quote("a\"b\\c/d\n\t\r\b\f\u0001 é \uD83D\uDE00 \uD800 \u2028"))
                .isEqualTo("\"a\\\"b\\\\c/d\\n\\t\\r\\b\\f\\u0001 é \uD83D\uDE00 \\ud800 \\u2028\"");
        assertThat(new ObjectMapper()
                        .readTree(JsonWriter.write(List.of("x\u0000y", 1.5, 1e-8, 3L, true)))
                        .toString())
                .isEqualTo("[\"x\\u0000y\",1.5,1.0E-8,3,true]");
    }
}
