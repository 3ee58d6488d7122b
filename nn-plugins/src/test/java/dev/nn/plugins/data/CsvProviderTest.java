package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ColumnType;
import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Options;
import dev.nn.api.TableColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvProviderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Loads with the registry's defaults filled in, then the given options on top. */
    private static Dataset load(Path path, Object... keyValues) throws IOException {
        Map<String, Object> options =
                new HashMap<>(Map.of("path", path, "label", "last", "header", "auto", "delimiter", ","));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Csv.Provider().load(Options.of(options));
    }

    private static void assertProblem(ThrowingCallable call, String where, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).where()).isEqualTo(where);
            assertThat(e.problems().get(0).message()).contains(messageParts);
        });
    }

    @Test
    void withoutHeaderEveryRowIsDataAndTheLastColumnIsTheLabel() throws IOException {
        Path file = write("plain.csv", "0.5,1,2\n3,4e-1,0\n-6,7,1\n");

        Dataset d = load(file);

        assertThat(d.name()).isEqualTo("plain");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.features().row(0)).containsExactly(0.5f, 1f);
        assertThat(d.features().row(1)).containsExactly(3f, 0.4f);
        assertThat(d.features().row(2)).containsExactly(-6f, 7f);
        assertThat(d.classNames()).containsExactly("0", "1", "2");
        assertThat(d.labels()).containsExactly(2, 0, 1);
    }

    @Test
    void aFirstRowWithWordsIsTheHeader() throws IOException {
        Path file = write("header.csv", "width,height,class\n1,2,0\n3,4,1\n");

        Dataset d = load(file);

        assertThat(d.size()).isEqualTo(2);
        assertThat(d.features().row(0)).containsExactly(1f, 2f);
    }

    @Test
    void headerFalseReadsTheFirstRowAsDataAndHeaderTrueSkipsIt() throws IOException {
        Path file = write("numbers.csv", "1,2,0\n3,4,1\n5,6,1\n");

        assertThat(load(file, "header", "false").size()).isEqualTo(3);
        Dataset skipped = load(file, "header", "true");
        assertThat(skipped.size()).isEqualTo(2);
        assertThat(skipped.features().row(0)).containsExactly(3f, 4f);
    }

    @Test
    void wordLabelsInTheFirstRowDoNotMakeItAHeader() throws IOException {
        Path file = write("iris.csv", "5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n");

        Dataset d = load(file);

        assertThat(d.size()).isEqualTo(4);
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.labels()).containsExactly(0, 1, 2, 0);
    }

    @Test
    void aHeaderOfNumberedColumnsWithANamedLabelIsStillAHeader() throws IOException {
        Path file = write("pixels.csv", "0,1,label\n5,6,1\n7,8,0\n");

        Dataset d = load(file);

        assertThat(d.size()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void theLabelCanBeTheFirstColumn() throws IOException {
        Path file = write("mnist-style.csv", "7,0,255\n2,128,64\n");

        Dataset d = load(file, "label", "first");

        assertThat(d.labels()).containsExactly(1, 0);
        assertThat(d.classNames()).containsExactly("2", "7");
        assertThat(d.features().row(0)).containsExactly(0f, 255f);
    }

    @Test
    void theLabelCanBeAColumnIndexOrAHeaderName() throws IOException {
        Path file = write("named.csv", "a,species,b\n1,cat,2\n3,dog,4\n5,cat,6\n");

        Dataset byName = load(file, "label", "species");
        Dataset byIndex = load(file, "label", "1");

        assertThat(byName.classNames()).containsExactly("cat", "dog");
        assertThat(byName.labels()).containsExactly(0, 1, 0);
        assertThat(byName.features().row(1)).containsExactly(3f, 4f);
        assertThat(byIndex.features()).isEqualTo(byName.features());
        assertThat(byIndex.labels()).isEqualTo(byName.labels());
    }

    @Test
    void integerLabelsAreOrderedAsNumbersNotAsText() throws IOException {
        Path file = write("numbers.csv", "1,10\n2,2\n3,-1\n4,2.0\n");

        Dataset d = load(file);

        assertThat(d.classNames()).containsExactly("-1", "2", "10");
        assertThat(d.labels()).containsExactly(2, 1, 0, 1);
    }

    @Test
    void otherDelimitersAndSpacesAroundValuesAreRead() throws IOException {
        Path file = write("semicolons.csv", "x; y; label\n1.5; 2; a\n3; 4; b\n");

        Dataset d = load(file, "delimiter", ";");

        assertThat(d.features().row(0)).containsExactly(1.5f, 2f);
        assertThat(d.classNames()).containsExactly("a", "b");
    }

    @Test
    void aRaggedRowNamesItsLineAndTheExpectedCount() throws IOException {
        Path file = write("ragged.csv", "1,2,3,0\n4,5,6,1\n\n7,8,1\n");

        assertProblem(() -> load(file), file + ":4", "row has 3 values, expected 4 like line 1");
    }

    @Test
    void aWordInANumberColumnNamesTheValueAndColumn() throws IOException {
        Path withoutHeader = write("plain.csv", "1,2,0\n3,x,1\n");

        assertProblem(
                () -> load(withoutHeader, "header", "false", "columns", Map.of("1", Map.of("type", "number"))),
                withoutHeader + ":2",
                "value 'x' in column index 1 is not a number; the column is declared type: number");
    }

    @Test
    void aNumberTooLargeForFloat32IsAnError() throws IOException {
        Path file = write("huge.csv", "1,2,0\n3,1e39,1\n");

        assertProblem(
                () -> load(file),
                file + ":2",
                "value '1e39' in column index 1 is not a finite number (or too large for float32)");
    }

    @Test
    void aMissingFeatureValueIsNaNForTheFittedEncodingToFill() throws IOException {
        Path file = write("missing.csv", "1,2,0\n3,,1\n?,4,1\n");

        Dataset d = load(file);

        assertThat(d.features().row(1)).containsExactly(3f, Float.NaN);
        assertThat(d.features().row(2)).containsExactly(Float.NaN, 4f);
        assertThat(d.table()).containsExactly(TableColumn.number("0"), TableColumn.number("1"));
    }

    /**
     * Files of numbers and a class label read as the reader before tables read them: the checksums (which model
     * files record) were printed by that reader, commit 24a8211, on these very files.
     */
    @Test
    void aFileOfNumbersAndAClassLabelGivesTheSameDataAsBeforeTables() throws IOException {
        StringBuilder numbers = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 500; i++) {
            numbers.append(String.format(
                    Locale.ROOT,
                    "%.4f,%d,%.3e,%d%n",
                    (i * 37 % 101) / 7.0,
                    i % 13 - 6,
                    (i * 7919 % 1009) * 1.7e-3,
                    i % 4));
        }
        Dataset many = load(write("numbers.csv", numbers.toString()));
        Dataset iris =
                load(write("iris.csv", "5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n"));
        Dataset pair = load(
                write("train.csv", "x,y,label\n1,2,b\n3,4,c\n5,6,a\n"),
                "test_path",
                write("test.csv", "x,y,label\n7,8,c\n9,10,c\n"));
        Dataset first = load(write("first.csv", "7,0,255\n2,128,64\n2,1.5e2,-0.0\n"), "label", "first");

        assertThat(many.checksum())
                .isEqualTo("sha256:ee672ce085eda6831137a6ba4e5dd9400ea5c27ffe018417d6faf9765ea6521f");
        assertThat(many.classNames()).containsExactly("0", "1", "2", "3");
        assertThat(iris.checksum())
                .isEqualTo("sha256:04235277142347bfdab460debfe84dc777746840997b7a52f7738a9da46fa419");
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(pair.checksum())
                .isEqualTo("sha256:261986019dd20a841e93f2d112da8ddf015b595a772123e9740436c4d3d3a460");
        assertThat(pair.test().orElseThrow().checksum())
                .isEqualTo("sha256:c582c058c615480d84f31916f2e3f800b5c073fc9be78c92d45483a27dae905a");
        assertThat(first.checksum())
                .isEqualTo("sha256:67b084bc04eafd7966d5b1108bc12856e358d04cbf53b5a117ba6f17ff0c811e");
        assertThat(first.classNames()).containsExactly("2", "7");
        assertThat(many.featureNames()).containsExactly("a", "b", "c");
        assertThat(many.table()).extracting(TableColumn::type).containsOnly(ColumnType.NUMBER);
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = write("empty.csv", "");

        assertProblem(() -> load(file), file.toString(), "the file is empty");
    }

    @Test
    void aHeaderWithoutRowsIsAnError() throws IOException {
        Path file = write("header-only.csv", "a,b,label\n");

        assertProblem(() -> load(file), file.toString(), "has a header but no data rows");
    }

    @Test
    void anUnknownLabelColumnListsTheColumns() throws IOException {
        Path file = write("named.csv", "a,species,b\n1,cat,2\n");

        assertProblem(
                () -> load(file, "label", "Species"),
                file + ":1",
                "label column 'Species' not found (did you mean 'species'?); the columns are: a, species, b");
    }

    @Test
    void aLabelIndexOutsideTheColumnsIsAnError() throws IOException {
        Path file = write("plain.csv", "1,2,0\n");

        assertProblem(
                () -> load(file, "label", "3"),
                file + ":1",
                "label column index 3 is out of range; the rows have 3 columns, indices 0 to 2");
    }

    @Test
    void aSingleColumnSuggestsTheDelimiter() throws IOException {
        Path file = write("semicolons.csv", "1;2;0\n3;4;1\n");

        assertProblem(() -> load(file), file + ":1", "found 1 column", "set delimiter: ';'");
    }

    @Test
    void aMissingFileSaysSo() {
        Path file = dir.resolve("nope.csv");

        assertProblem(() -> load(file), file.toString(), "file not found");
    }

    @Test
    void theTestFileBecomesTheFixedTestSplitWithTheTrainingClasses() throws IOException {
        Path train = write("train.csv", "x,y,label\n1,2,b\n3,4,c\n5,6,a\n");
        Path test = write("test.csv", "x,y,label\n7,8,c\n9,10,c\n");

        Dataset d = load(train, "test_path", test);

        Dataset t = d.test().orElseThrow();
        assertThat(t.classNames()).containsExactly("a", "b", "c");
        assertThat(t.labels()).containsExactly(2, 2);
        assertThat(t.features().row(1)).containsExactly(9f, 10f);
    }

    @Test
    void aTestLabelTheTrainingFileLacksIsAnError() throws IOException {
        Path train = write("train.csv", "1,2,0\n3,4,1\n");
        Path test = write("test.csv", "5,6,1\n7,8,2\n");

        assertProblem(
                () -> load(train, "test_path", test),
                test + ":2",
                "label '2' is not one of the training file's classes (0, 1)");
    }

    @Test
    void aTestFileWithOtherColumnsIsAnError() throws IOException {
        Path train = write("train.csv", "x,y,label\n1,2,0\n");
        Path fewer = write("fewer.csv", "x,label\n1,0\n");
        Path renamed = write("renamed.csv", "x,z,label\n1,2,0\n");

        assertProblem(() -> load(train, "test_path", fewer), fewer + ":1", "the test file has 2 columns", "has 3");
        assertProblem(
                () -> load(train, "test_path", renamed),
                renamed + ":1",
                "the test file's columns (x, z, label) differ from the training file's (x, y, label)");
    }

    @Test
    void aSpreadsheetByteOrderMarkAndQuotedValuesAreHandled() throws IOException {
        Path file = write("excel.csv", "\uFEFFsize,\"kind, long name\"\n1,\"big, red\"\n2,small\n");

        Dataset d = load(file, "label", "kind, long name");

        assertThat(d.classNames()).containsExactly("big, red", "small");
        assertThat(d.features().row(1)).containsExactly(2f);
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOnAndTheRecord() throws IOException {
        Path file = write("quote.csv", "a,b,label\n1,2,x\n\n3,\"4,y\n5,6,x\n");

        assertProblem(
                () -> load(file),
                file + ":4",
                "record 3 opens a quoted value that is never closed (the file ends"
                        + " on line 5); close the quote with another \", or remove it");
    }

    @Test
    void textAfterAClosingQuoteNamesItsLineAndRecord() throws IOException {
        Path file = write("junk.csv", "a,b,label\n1,2,x\n3,\"4\"z,y\n");

        assertProblem(
                () -> load(file),
                file + ":3",
                "record 3 has a quoted value followed by more text before the next"
                        + " delimiter; quote the whole value, and write a quote inside it as two (\"\")");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndOffset() throws IOException {
        Path file = dir.resolve("latin1.csv");
        // "café" in ISO-8859-1 on the third line, after CRLF line ends.
        Files.write(file, "size,label\r\n1,tea\r\n2,caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertProblem(
                () -> load(file),
                file + ":3",
                "byte 24 of the file is not UTF-8 text; save the file as UTF-8" + " (in a spreadsheet: CSV UTF-8)");
    }

    @Test
    void aFolderIsNotACsvFile() {
        assertProblem(() -> load(dir), dir.toString(), "is a folder, not a regular file; give the path of a CSV file");
    }
}
