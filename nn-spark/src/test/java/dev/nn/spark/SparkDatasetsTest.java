package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ColumnType;
import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Spec;
import dev.nn.api.TableColumn;
import dev.nn.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code parquet} and {@code spark_table} datasets, found by the registry like any other, read
 * through the shared session into the raw table the csv dataset makes.
 */
class SparkDatasetsTest {
    @TempDir
    static Path dir;

    private static Path parquet;
    private static final PluginRegistry REGISTRY = PluginRegistry.defaultRegistry();

    @BeforeAll
    static void writeData() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add("rooms", DataTypes.IntegerType)
                .add("city", DataTypes.StringType)
                .add("garden", DataTypes.BooleanType)
                .add("area", DataTypes.DoubleType)
                .add("kind", DataTypes.StringType)
                .add("price", DataTypes.DoubleType);
        List<Row> rows = List.of(
                RowFactory.create(3, "Lyon", true, 70.5, "flat", 210.0),
                RowFactory.create(5, "Paris", false, 120.0, "house", 640.5),
                RowFactory.create(2, "Lyon", null, null, "flat", 150.25),
                RowFactory.create(4, "Nice", true, 95.0, "house", null),
                RowFactory.create(1, null, false, 30.0, "flat", 99.0));
        parquet = dir.resolve("houses.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(parquet.toString());
        spark.read().parquet(parquet.toString()).createOrReplaceTempView("houses");
    }

    private static Dataset load(String provider, Map<String, Object> options) {
        return REGISTRY.dataset(Spec.of(provider, options), "data.dataset", dir, 42);
    }

    @Test
    void parquetColumnsBecomeTheTableCsvMakesWithItsTypesFromTheSchema() {
        Dataset houses = load("parquet", Map.of("path", parquet.toString(), "target", List.of("kind")));

        assertThat(houses.name()).isEqualTo("houses");
        assertThat(houses.isClassification()).isTrue();
        assertThat(houses.classNames()).containsExactly("flat", "house");
        assertThat(houses.table())
                .containsExactly(
                        TableColumn.number("rooms"),
                        TableColumn.category("city", List.of("Lyon", "Paris", "Nice")),
                        TableColumn.bool("garden"),
                        TableColumn.number("area"),
                        TableColumn.number("price"));
        assertThat(houses.size()).isEqualTo(5);
        // rooms, city, garden, area, price of the third row: nulls are missing (NaN), categories their level's code.
        float[] x = houses.features().data();
        assertThat(new float[] {x[10], x[11], x[12], x[13], x[14]})
                .containsExactly(2f, 0f, Float.NaN, Float.NaN, 150.25f);
        assertThat(x[21]).isNaN(); // the fifth row's city
    }

    @Test
    void aNumericTargetWithFractionsIsRegressionAndRowsWithoutOneAreLeftOut() {
        Dataset houses = load(
                "parquet", Map.of("path", parquet.toString(), "target", List.of("price"), "drop", List.of("kind")));

        assertThat(houses.isClassification()).isFalse();
        assertThat(houses.size()).isEqualTo(4);
        assertThat(houses.targets().data()).containsExactly(210f, 640.5f, 150.25f, 99f);
        assertThat(houses.table().stream().map(TableColumn::name)).containsExactly("rooms", "city", "garden", "area");
    }

    @Test
    void aDeclaredTypeOverridesTheSchemasAndWholeNumbersAreClasses() {
        Dataset houses = load(
                "spark_table",
                Map.of(
                        "name",
                        "houses",
                        "target",
                        List.of("rooms"),
                        "columns",
                        Map.of("area", Map.of("type", "category"), "city", Map.of("missing", "drop_row"))));

        assertThat(houses.name()).isEqualTo("houses");
        assertThat(houses.classNames()).containsExactly("1", "2", "3", "4", "5");
        assertThat(houses.labels()).containsExactly(2, 4, 1, 3, 0);
        TableColumn area = houses.table().get(2);
        assertThat(area.type()).isEqualTo(ColumnType.CATEGORY);
        // A whole number's text is written as an integer, as csv's classes are ("120.0" is "120").
        assertThat(area.levels()).containsExactly("70.5", "120", "95", "30");
        assertThat(houses.table().get(0).missing()).hasToString("DROP_ROW");
    }

    @Test
    void aMissingPathTableOrColumnIsOneLineNamingTheOption() {
        Path nowhere = dir.resolve("nowhere.parquet");
        ConfigException path = catchThrowableOfType(
                ConfigException.class,
                () -> load("parquet", Map.of("path", nowhere.toString(), "target", List.of("y"))));
        ConfigException table = catchThrowableOfType(
                ConfigException.class, () -> load("spark_table", Map.of("name", "housez", "target", List.of("y"))));
        ConfigException column = catchThrowableOfType(
                ConfigException.class,
                () -> load("parquet", Map.of("path", parquet.toString(), "target", List.of("prize"))));

        assertThat(path.problems())
                .singleElement()
                .hasToString("data.dataset.parquet.path: no Parquet file or folder at " + nowhere);
        assertThat(table.problems())
                .singleElement()
                .hasToString(
                        "data.dataset.spark_table.name: no table or view 'housez' in the Spark session's catalog; its tables"
                                + " are houses");
        assertThat(column.problems())
                .singleElement()
                .hasToString("data.dataset.parquet.target: no column 'prize' in the data of path " + parquet
                        + "; its columns are rooms, city, garden, area, kind, price");
    }
}
