package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The csv reader's own tokenizer splits text into the cells Commons CSV (its default format with
 * trim and empty lines skipped, which the reader used before) finds, and refuses what it refuses.
 */
class CsvTokensTest {

    private static List<List<String>> tokens(String text, String delimiter, int bufferReads) throws IOException {
        CsvTokens tokens = new CsvTokens(new Trickle(text, bufferReads), delimiter);
        List<List<String>> records = new ArrayList<>();
        while (tokens.next()) {
            records.add(tokens.texts());
        }
        return records;
    }

    private static List<List<String>> commons(String text, String delimiter) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
        }
        return records;
    }

    /** A reader that hands out at most a few characters at a time, so that cells cross every buffer edge. */
    private static final class Trickle extends Reader {
        private final String text;
        private final int most;
        private int at;

        Trickle(String text, int most) {
            this.text = text;
            this.most = most;
        }

        @Override
        public int read(char[] into, int offset, int length) {
            if (at == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, most), text.length() - at);
            text.getChars(at, at + n, into, offset);
            at += n;
            return n;
        }

        @Override
        public void close() {}
    }

    @Test
    void randomTextsSplitAsCommonsCsvSplitsThem() throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        String[] pieces = {"a", "1.5", " ", "\"", "\"\"", ",", ";;", "\n", "\r\n", "\r", "\t", "x y", "é", ""};
        int agreed = 0;
        int refused = 0;
        for (int i = 0; i < 30_000; i++) {
            String delimiter = random.nextInt(4) == 0 ? ";;" : random.nextInt(3) == 0 ? "\t" : ",";
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(1, 40);
            for (int k = 0; k < n; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String csv = text.toString();
            List<List<String>> expected;
            try {
                expected = commons(csv, delimiter);
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                assertThatThrownBy(() -> tokens(csv, delimiter, 3))
                        .as("%s refused by Commons CSV (%s)", escaped(csv), e.getMessage())
                        .isInstanceOf(CsvTokens.Malformed.class);
                refused++;
                continue;
            }
            assertThat(tokens(csv, delimiter, 1 + random.nextInt(5)))
                    .as("%s split by '%s'", escaped(csv), escaped(delimiter))
                    .isEqualTo(expected);
            agreed++;
        }
        assertThat(agreed).isGreaterThan(10_000);
        assertThat(refused).isGreaterThan(1_000);
    }

    private static String escaped(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @Test
    void aRecordKnowsTheLineItEndsOnAndAnErrorTheLineItIsAt() throws IOException {
        CsvTokens tokens = new CsvTokens(new StringReader("a,b\r\n\r\n1,\"x\ny\"\n2,3"), ",");
        List<Long> lines = new ArrayList<>();
        while (tokens.next()) {
            lines.add(tokens.line());
        }
        assertThat(lines).containsExactly(1L, 4L, 5L);

        assertThatThrownBy(() -> tokens("a,b\n1,\"2\n3,4\n", ",", 2))
                .isInstanceOfSatisfying(CsvTokens.Malformed.class, e -> {
                    assertThat(e.kind).isEqualTo(CsvTokens.Malformed.Kind.UNCLOSED_QUOTE);
                    assertThat(e.line).isEqualTo(2);
                    assertThat(e.record).isEqualTo(2);
                    assertThat(e.lastLine).isEqualTo(3);
                });
        assertThatThrownBy(() -> tokens("a,b\n\n1,\"2\"x\n", ",", 64))
                .isInstanceOfSatisfying(CsvTokens.Malformed.class, e -> {
                    assertThat(e.kind).isEqualTo(CsvTokens.Malformed.Kind.TEXT_AFTER_QUOTE);
                    assertThat(e.line).isEqualTo(3);
                    assertThat(e.record).isEqualTo(2);
                });
    }

    @Test
    void aRecordLongerThanTheBufferIsReadWhole() throws IOException {
        String longCell = "x".repeat(200_000);
        List<List<String>> records = tokens("a,b\n" + longCell + ",\"" + longCell + "\"\n1,2\n", ",", 70_000);

        assertThat(records).hasSize(3);
        assertThat(records.get(1)).containsExactly(longCell, longCell);
        assertThat(records.get(2)).containsExactly("1", "2");
    }
}
