package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nn.api.ColumnType;
import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Missing;
import dev.nn.api.TableColumn;
import dev.nn.plugins.CheckedOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The csv dataset on a real table: named columns of numbers, words and yes/no values, empty and NA
 * cells, a target with gaps, a column to leave out, a test file with a value the training file
 * lacks. Every file is written here; options go through the real registry's checks.
 */
class CsvTableTest {
    private static final String WHERE = "data.dataset";
    private static final float NA = Float.NaN;

    private static final String HOUSES = """
            id,rooms,city,garden,zip,area,price
            1,3,Paris,yes,02134,50.5,300.5
            2,,Lyon,no,75001,NA,200
            3,NA,NA,Yes,02134,80,
            4,2,,no,13001,45,150
            5,4,Paris,NO,75001,?,410.25
            """;
    private static final String HOUSES_TEST = """
            id,rooms,city,garden,zip,area,price
            6,5,Nice,true,02134,60,500.5
            7,1,Lyon,f,99999,70,99
            """;

    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads through the registry's checks, as a config's {@code data.dataset: {csv: {...}}} does; keeps the INFO log. */
    private Dataset load(Path path, Object... keyValues) throws IOException {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("path", path.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            given.put((String) keyValues[i], keyValues[i + 1]);
        }
        Csv.Provider provider = new Csv.Provider();
        Logger logger = (Logger) LoggerFactory.getLogger(Csv.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        try {
            return provider.load(CheckedOptions.of(provider, WHERE, given));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
            logger.setAdditive(true);
            appender.list.forEach(e -> logged.add(e.getFormattedMessage()));
        }
    }

    private static void assertProblem(ThrowingCallable call, String where, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).toString()).isEqualTo(where + ": " + message);
        });
    }

    private static Map<String, Object> declare(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @Test
    void aTableWithEveryKindOfColumnIsReadRawWithItsTestFileCodedAlike() throws IOException {
        Path train = write("houses.csv", HOUSES);
        Path test = write("houses-test.csv", HOUSES_TEST);

        // Declared out of the file's order; the table follows the file.
        Dataset d = load(
                train,
                "target",
                "price",
                "drop",
                List.of("id"),
                "test_path",
                test.toString(),
                "columns",
                declare(
                        "zip", declare("type", "category"),
                        "rooms", declare("missing", "median"),
                        "city", declare("unseen", "zeros")));

        assertThat(d.isClassification()).isFalse();
        assertThat(d.featureNames()).containsExactly("rooms", "city", "garden", "zip", "area");
        assertThat(d.targetNames()).containsExactly("price");
        assertThat(d.size()).as("the row without a price is left out").isEqualTo(4);
        assertThat(d.features().row(0)).containsExactly(3, 0, 1, 0, 50.5f);
        assertThat(d.features().row(1)).containsExactly(NA, 1, 0, 1, NA);
        assertThat(d.features().row(2)).containsExactly(2, NA, 0, 2, 45);
        assertThat(d.features().row(3)).containsExactly(4, 0, 0, 1, NA);
        assertThat(d.targets().data()).containsExactly(300.5f, 200, 150, 410.25f);

        Dataset t = d.test().orElseThrow();
        assertThat(t.features().row(0))
                .as("Nice, unseen in training, is a level after the training ones")
                .containsExactly(5, 2, 1, 0, 60);
        assertThat(t.features().row(1)).containsExactly(1, 1, 0, 3, 70);
        assertThat(t.targets().data()).containsExactly(500.5f, 99);
        assertThat(t.featureNames()).isEqualTo(d.featureNames());

        assertThat(d.table())
                .containsExactly(
                        new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, null, null),
                        TableColumn.category("city", List.of("Paris", "Lyon", "Nice")),
                        TableColumn.bool("garden"),
                        TableColumn.category("zip", List.of("02134", "75001", "13001", "99999")),
                        TableColumn.number("area"));
        assertThat(t.table()).isEqualTo(d.table());
        assertThat(logged)
                .containsExactly(
                        "houses.csv: task regression, inferred: target 'price' holds numbers that are not whole, such as 300.5;"
                                + " set task: classification to change it",
                        "houses.csv: left out 1 row whose target 'price' is missing");
    }

    @Test
    void theRawValuesAreWhatTableColumnParseMakesOfEachCell() throws IOException {
        Dataset d = load(write("houses.csv", HOUSES), "target", "price", "drop", List.of("id"));
        Set<String> missing = Set.copyOf(TableColumn.DEFAULT_MISSING_VALUES);
        List<String> kept = HOUSES.lines().skip(1).filter(l -> !l.endsWith(",")).toList();
        for (int r = 0; r < kept.size(); r++) {
            String[] cells = kept.get(r).split(",", -1);
            for (int c = 0; c < d.inputSize(); c++) {
                assertThat(Float.valueOf(d.features().get(r, c)))
                        .as("row %d, %s", r, d.featureNames().get(c))
                        .isEqualTo(Float.valueOf(d.table().get(c).parse(cells[c + 1], missing)));
            }
        }
    }

    @Test
    void eachTypeIsInferredAndNumbersBeforeAColumnsFirstWordBecomeLevelsByTheirText() throws IOException {
        Path file = write("kinds.csv", """
                n,c,b,m,e,label
                1,1,true,,x,a
                2.5,02,FALSE,NA,y,b
                -3,studio,yes,,,a
                7,02,No,,x,b
                """);

        Dataset d = load(file);

        assertThat(d.table())
                .extracting(TableColumn::type)
                .containsExactly(
                        ColumnType.NUMBER,
                        ColumnType.CATEGORY,
                        ColumnType.BOOLEAN,
                        ColumnType.NUMBER,
                        ColumnType.CATEGORY);
        // 02 before the first word is the number 2, so the level "2"; after it, a text like any other.
        assertThat(d.table().get(1).levels()).containsExactly("1", "2", "studio", "02");
        assertThat(d.table().get(4).levels()).containsExactly("x", "y");
        assertThat(d.features().row(0)).containsExactly(1, 0, 1, NA, 0);
        assertThat(d.features().row(1)).containsExactly(2.5f, 1, 0, NA, 1);
        assertThat(d.features().row(2)).containsExactly(-3, 2, 1, NA, NA);
        assertThat(d.features().row(3)).containsExactly(7, 3, 0, NA, 0);
        assertThat(d.classNames()).containsExactly("a", "b");
        assertThat(logged).as("label: is a class label; nothing is inferred").isEmpty();
    }

    @Test
    void theTaskIsInferredFromTheTargetAndTheLogSaysWhy() throws IOException {
        Dataset words = load(write("pets.csv", "x,species\n1,cat\n2,dog\n3,cat\n"), "target", "species");
        assertThat(words.classNames()).containsExactly("cat", "dog");
        assertThat(words.labels()).containsExactly(0, 1, 0);

        StringBuilder grades = new StringBuilder("x,grade\n");
        StringBuilder counts = new StringBuilder("x,count\n");
        for (int i = 0; i < 40; i++) {
            grades.append(i).append(',').append(5 - i % 5).append(".0\n");
            counts.append(i).append(',').append(i % 25).append('\n');
        }
        Dataset fewWholeNumbers = load(write("grades.csv", grades.toString()), "target", "grade");
        assertThat(fewWholeNumbers.classNames()).containsExactly("1", "2", "3", "4", "5");
        assertThat(fewWholeNumbers.labels()).startsWith(4, 3, 2, 1, 0);
        Dataset manyWholeNumbers = load(write("counts.csv", counts.toString()), "target", "count");
        assertThat(manyWholeNumbers.isClassification()).isFalse();
        assertThat(manyWholeNumbers.targets().data()).startsWith(0, 1, 2);
        Dataset declared = load(write("counts2.csv", counts.toString()), "target", "count", "task", "classification");
        assertThat(declared.numClasses()).isEqualTo(25);

        assertThat(logged)
                .containsExactly(
                        "pets.csv: task classification, inferred: target 'species' holds text, such as 'cat'; set task:"
                                + " regression to change it",
                        "grades.csv: task classification, inferred: target 'grade' holds 5 distinct whole numbers"
                                + " (classification takes at most 20); set task: regression to change it",
                        "counts.csv: task regression, inferred: target 'count' holds more than 20 distinct whole numbers;"
                                + " set task: classification to change it");
    }

    @Test
    void aWordAfterMoreDistinctNumbersThanAreKeptStillMakesAClassificationTarget() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 1100; i++) {
            csv.append(i).append(',').append(i * 0.5).append('\n');
        }
        csv.append("0,cat\n");

        Dataset d = load(write("many.csv", csv.toString()), "target", "y");

        assertThat(d.numClasses()).isEqualTo(1101);
        assertThat(d.classNames().get(d.labels()[3])).isEqualTo("1.5");
        assertThat(d.classNames().get(d.labels()[1100])).isEqualTo("cat");
    }

    @Test
    void severalTargetsAreTheOutputsOfARegression() throws IOException {
        Path file = write("linnerud.csv", "weight,waist,chins,situps\n191,36,5,162\n189,37,,110\n193,38,12,101\n");

        Dataset d = load(file, "target", List.of("chins", "situps"));

        assertThat(d.isClassification()).isFalse();
        assertThat(d.featureNames()).containsExactly("weight", "waist");
        assertThat(d.targetNames()).containsExactly("chins", "situps");
        assertThat(d.targets().cols()).isEqualTo(2);
        assertThat(d.targets().data()).containsExactly(5, 162, 12, 101);
        assertThat(logged).containsExactly("linnerud.csv: left out 1 row whose target ('chins', 'situps') is missing");
    }

    @Test
    void dropRowLeavesOutRowsAndTheLogSaysHowMany() throws IOException {
        Dataset d = load(
                write("houses.csv", HOUSES),
                "target",
                "price",
                "task",
                "regression",
                "drop",
                List.of("id"),
                "columns",
                declare("rooms", declare("missing", "drop_row")));

        assertThat(d.size()).isEqualTo(3);
        assertThat(d.features().get(2, 0)).isEqualTo(4);
        assertThat(d.table().get(0).missing()).isEqualTo(Missing.DROP_ROW);
        assertThat(logged)
                .containsExactly(
                        "houses.csv: left out 1 row whose target 'price' is missing",
                        "houses.csv: left out 1 row with a missing value in a drop_row column (rooms: 1)");
    }

    @Test
    void aFileWithoutAHeaderNamesItsColumnsByIndex() throws IOException {
        Dataset d = load(write("plain.csv", "9,1.5,x\n8,2.5,y\n"), "header", "false", "target", 2, "drop", List.of(0));

        assertThat(d.featureNames()).containsExactly("1");
        assertThat(d.features().data()).containsExactly(1.5f, 2.5f);
        assertThat(d.classNames()).containsExactly("x", "y");
    }

    @Test
    void missingValuesNamesTheSpellingsOfMissing() throws IOException {
        Dataset d = load(write("dash.csv", "a,b,label\n1,-,x\n2,NA,y\n,3,x\n"), "missing_values", List.of("-"));

        assertThat(d.table().get(0).type()).isEqualTo(ColumnType.NUMBER);
        assertThat(d.features().get(2, 0)).as("empty is missing always").isNaN();
        assertThat(d.table().get(1).type()).as("NA is a word now").isEqualTo(ColumnType.CATEGORY);
        assertThat(d.table().get(1).levels()).containsExactly("NA", "3");
        assertThat(d.features().get(0, 1)).isNaN();
    }

    @Test
    void aConstantFillTheFileLacksBecomesALevelAndABooleanFillIsStoredAsTrueOrFalse() throws IOException {
        Dataset d = load(
                write("houses.csv", HOUSES),
                "target",
                "price",
                "columns",
                declare(
                        "city", declare("missing", "constant", "fill", "Unknown"),
                        "garden", declare("missing", "constant", "fill", "Y"),
                        "area", declare("missing", "constant", "fill", 0)));

        assertThat(d.table().get(2))
                .isEqualTo(new TableColumn(
                        "city",
                        ColumnType.CATEGORY,
                        List.of("Paris", "Lyon", "Unknown"),
                        Missing.CONSTANT,
                        "Unknown",
                        null));
        assertThat(d.table().get(3).fill()).isEqualTo("true");
        assertThat(d.table().get(5).fill()).isEqualTo("0");
    }

    @Test
    void aClassificationTargetWithMissingLabelsLeavesThoseRowsOut() throws IOException {
        Dataset d = load(write("labels.csv", "x,y,label\n1,2,a\n3,4,\n5,6,NA\n7,8,b\n"));

        assertThat(d.labels()).containsExactly(0, 1);
        assertThat(d.features().row(1)).containsExactly(7, 8);
        assertThat(logged).containsExactly("labels.csv: left out 2 rows whose target 'label' is missing");
    }

    // The errors a person can make, each with the one line they read.

    @Test
    void aWordInAColumnDeclaredNumberNamesTheValueColumnAndLine() throws IOException {
        Path file = write("header.csv", "width,height,class\n1,2,0\n3,tall,1\n");

        assertProblem(
                () -> load(file, "columns", declare("height", declare("type", "number"))),
                file + ":3",
                "value 'tall' in column 'height' (index 1) is not a number; the column is declared type: number");
    }

    @Test
    void aWordInTheTestFileOfAColumnOfNumbersNamesTheValue() throws IOException {
        Path train = write("houses.csv", HOUSES);
        Path test = write("houses-test.csv", HOUSES_TEST.replace("7,1,Lyon", "7,five,Lyon"));

        assertProblem(
                () -> load(train, "target", "price", "test_path", test.toString()),
                test + ":3",
                "value 'five' in column 'rooms' (index 1) is not a number; the training file has only numbers in this"
                        + " column (declare its type: category to take words)");
    }

    @Test
    void aValueThatIsNotTrueOrFalseInABooleanColumnNamesItsLine() throws IOException {
        Path file = write("houses.csv", HOUSES.replace("NO", "maybe"));
        Path test = write("houses-test.csv", HOUSES_TEST.replace("true", "maybe"));

        assertProblem(
                () -> load(file, "target", "price", "columns", declare("garden", declare("type", "boolean"))),
                file + ":6",
                "value 'maybe' in column 'garden' (index 3) is not true or false (nor yes/no, y/n, t/f or 1/0);"
                        + " the column is declared type: boolean");
        assertProblem(
                () -> load(write("h.csv", HOUSES), "target", "price", "test_path", test.toString()),
                test + ":2",
                "value 'maybe' in column 'garden' (index 3) is not true or false (nor yes/no, y/n, t/f or 1/0);"
                        + " the training file has only true and false in this column (declare its type: category to"
                        + " take other words)");
    }

    @Test
    void anUnknownColumnUnderColumnsDropOrTargetListsTheColumnsAndSuggestsTheClosest() throws IOException {
        Path file = write("houses.csv", HOUSES);
        String columns = "; the columns are: id, rooms, city, garden, zip, area, price";

        assertProblem(
                () -> load(file, "target", "price", "columns", declare("romos", declare("type", "number"))),
                file + ":1",
                "column 'romos' under columns: not found (did you mean 'rooms'?)" + columns);
        assertProblem(
                () -> load(file, "target", "price", "drop", List.of("idd")),
                file + ":1",
                "column 'idd' under drop: not found (did you mean 'id'?)" + columns);
        assertProblem(
                () -> load(file, "target", "prise"),
                file + ":1",
                "target column 'prise' not found (did you mean 'price'?)" + columns);
        assertProblem(() -> load(file, "target", "value"), file + ":1", "target column 'value' not found" + columns);
        assertProblem(
                () -> load(write("plain.csv", "1,2\n3,4\n"), "header", "false", "target", "y"),
                dir.resolve("plain.csv") + ":1",
                "target column 'y' not found; the columns are: 0, 1 (header: false names them by their 0-based index)");
    }

    @Test
    void aColumnCannotBeTheTargetAndDroppedOrDeclaredAndDropped() throws IOException {
        Path file = write("houses.csv", HOUSES);

        assertProblem(
                () -> load(file, "target", "price", "drop", List.of("id", "price")),
                file + ":1",
                "column 'price' is the target and under drop:; remove it from drop:");
        assertProblem(
                () -> load(file, "label", "last", "drop", List.of("price")),
                file + ":1",
                "column 'price' is the target and under drop:; remove it from drop:");
        assertProblem(
                () -> load(file, "target", "price", "drop", List.of("id"), "columns", declare("id", Map.of())),
                file + ":1",
                "column 'id' is under both drop: and columns:; remove it from one of them");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("price", declare("type", "number"))),
                file + ":1",
                "column 'price' under columns: is the target; columns: describes the input columns (task: says how"
                        + " the target is read)");
    }

    @Test
    void textInARegressionTargetNamesItsLineAndColumn() throws IOException {
        Path file = write("houses.csv", HOUSES.replace("150", "cheap"));

        assertProblem(
                () -> load(file, "target", "price", "task", "regression"),
                file + ":5",
                "value 'cheap' in target column 'price' (index 6) is not a number; regression targets must be numbers");
        assertProblem(
                () -> load(file, "target", List.of("area", "price")),
                file + ":5",
                "value 'cheap' in target column 'price' (index 6) is not a number; regression targets must be numbers");
    }

    @Test
    void missingErrorRefusesAMissingCellAtItsLine() throws IOException {
        Path file = write("houses.csv", HOUSES);

        assertProblem(
                () -> load(file, "target", "price", "columns", declare("rooms", declare("missing", "error"))),
                file + ":3",
                "column 'rooms' (index 1) has no value; columns.rooms.missing: error asks for one in every row");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("area", declare("missing", "error"))),
                file + ":3",
                "column 'area' (index 5) has no value ('NA'); columns.area.missing: error asks for one in every row");
    }

    @Test
    void unseenErrorRefusesATestValueTheTrainingFileLacks() throws IOException {
        Path train = write("houses.csv", HOUSES);
        Path test = write("houses-test.csv", HOUSES_TEST);

        assertProblem(
                () -> load(
                        train,
                        "target",
                        "price",
                        "test_path",
                        test.toString(),
                        "columns",
                        declare("city", declare("unseen", "error"))),
                test + ":2",
                "value 'Nice' in column 'city' (index 2) is not one of the training file's levels; columns.city.unseen:"
                        + " error refuses it (zeros would make its one-hot features 0)");
    }

    @Test
    void twoColumnsOfOneNameAreAnError() throws IOException {
        Path file = write("twice.csv", "a,b,a,label\n1,2,3,x\n");

        assertProblem(
                () -> load(file),
                file + ":1",
                "columns 0 and 2 are both named 'a'; give each column its own name in the header");
    }

    @Test
    void badColumnSettingsAreErrorsAtTheirOptionPath() throws IOException {
        Path file = write("houses.csv", HOUSES);
        String at = WHERE + ".csv.columns.";

        assertProblem(
                () -> load(file, "target", "price", "columns", declare("rooms", declare("missing", "avg"))),
                at + "rooms.missing",
                "must be one of mean, median, most_frequent, constant, drop_row, error, got 'avg'");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("rooms", declare("typ", "number"))),
                at + "rooms.typ",
                "unknown key 'typ' in data.dataset.csv.columns.rooms (did you mean 'type'?); its keys are: type,"
                        + " missing, fill, unseen");
        assertProblem(
                () -> load(file, "target", "price", "columns", "rooms"),
                WHERE + ".csv.columns",
                "option 'columns' must be a map from column names to their settings (type, missing, fill, unseen),"
                        + " got \"rooms\" (a string)");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("rooms", declare("fill", 0))),
                at + "rooms.fill",
                "is the value of missing: constant; set missing: constant, or remove fill");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("rooms", declare("missing", "constant"))),
                at + "rooms.missing",
                "constant needs fill: the value a missing cell of rooms gets");
        assertProblem(
                () -> load(
                        file,
                        "target",
                        "price",
                        "columns",
                        declare("rooms", declare("missing", "constant", "fill", "many"))),
                at + "rooms.fill",
                "'many' is not a number, and column 'rooms' is a number column (inferred: every cell of the training"
                        + " file is a number or missing; declare its type to choose another)");
        assertProblem(
                () -> load(
                        file,
                        "target",
                        "price",
                        "columns",
                        declare("zip", declare("type", "category", "missing", "mean"))),
                at + "zip.missing",
                "mean is for number columns, and column 'zip' is a category column; use most_frequent or constant");
        assertProblem(
                () -> load(file, "target", "price", "columns", declare("city", declare("missing", "median"))),
                at + "city.missing",
                "median is for number columns, and column 'city' is a category column (inferred: the training file"
                        + " has words in it; declare its type to choose another); use most_frequent or constant");
        assertProblem(
                () -> load(
                        file,
                        "target",
                        "price",
                        "columns",
                        declare("area", declare("type", "number", "unseen", "error"))),
                at + "area.unseen",
                "is for category columns, and column 'area' is a number column");
        assertProblem(
                () -> load(
                        file,
                        "target",
                        "price",
                        "columns",
                        declare("garden", declare("type", "boolean", "missing", "constant", "fill", "maybe"))),
                at + "garden.fill",
                "'maybe' is not true or false, and column 'garden' is a boolean column");
    }

    @Test
    void badTargetOptionsAreErrorsAtTheirOptionPath() throws IOException {
        Path file = write("houses.csv", HOUSES);
        String at = WHERE + ".csv.";

        assertProblem(
                () -> load(file, "target", List.of("area", "price"), "task", "classification"),
                at + "target",
                "names 2 columns, and task: classification predicts one; several targets are the outputs of a"
                        + " regression (task: regression)");
        assertProblem(
                () -> load(file, "target", "price", "label", "price"),
                at + "target",
                "give the target column once: as target, or as label (its older spelling), not both");
        assertProblem(
                () -> load(file, "target", List.of("price", "price")),
                at + "target",
                "names a column twice: price, price");
        assertProblem(
                () -> load(file, "target", "price", "task", "ranking"),
                at + "task",
                "option 'task' must be one of classification, regression, got 'ranking'");
    }
}
