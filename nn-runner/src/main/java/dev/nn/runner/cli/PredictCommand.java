package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.api.Matrix;
import dev.nn.api.TableEncoding;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.runner.report.RunFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description =
                "Predict with a saved model: one row of raw features per line of INPUT.csv (a header row is allowed);"
                        + " for a model of a table, raw rows under the training file's header (columns by name, in any"
                        + " order; others ignored).")
final class PredictCommand implements Callable<Integer> {
    /** The line Commons CSV's messages name: "(startline 12)" or "at line: 12". */
    private static final Pattern LINE = Pattern.compile("(?:startline|at line:) ([0-9][0-9,.'\\s\u00a0\u202f]*)");

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.zip from a run folder.")
    Path model;

    @Parameters(
            index = "1",
            paramLabel = "INPUT.csv",
            description = "Feature rows, in the training data's column order; for a model of a table, a header line"
                    + " and raw rows (category words, empty cells) as in the training file.")
    Path input;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the predictions here instead of to standard output.")
    Path out;

    @Option(names = "--threads", description = "Threads to compute with (default: all processors).")
    Integer threads;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SavedModel saved;
        try {
            saved = ModelFile.load(
                    model,
                    plugins.registry(),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors());
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot read the model: " + e.getMessage(), e);
        }
        TableEncoding table = saved.network().preprocessing().table();
        Matrix x = table != null
                ? readTable(input, table)
                : readRows(input, saved.network().inputSize());
        Matrix p = saved.predict(x);
        int[] classes = saved.predictClasses(x);
        List<String> names = saved.info().classNames();
        StringBuilder sb = new StringBuilder();
        if (names.isEmpty() && table != null && table.targetNames().size() == p.cols()) {
            sb.append(String.join(",", table.targetNames())).append('\n');
        } else if (names.isEmpty()) {
            sb.append(header("output", p.cols())).append('\n');
        } else {
            sb.append("prediction");
            for (int c = 0; c < p.cols(); c++) {
                sb.append(",p_").append(p.cols() == 1 ? names.get(1) : names.get(c));
            }
            sb.append('\n');
        }
        for (int r = 0; r < p.rows(); r++) {
            if (!names.isEmpty()) {
                sb.append(names.get(classes[r]));
            }
            for (int c = 0; c < p.cols(); c++) {
                sb.append(names.isEmpty() && c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", p.get(r, c)));
            }
            sb.append('\n');
        }
        if (out == null) {
            spec.commandLine().getOut().print(sb);
        } else {
            try {
                RunFiles.writeString(out.toAbsolutePath(), sb.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        return NnCommand.OK;
    }

    private static String header(String prefix, int n) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cols.add(prefix + i);
        }
        return String.join(",", cols);
    }

    /**
     * The raw rows of a table, encoded as the model's table encoding says. The first line is the
     * header, which names the columns (in any order; columns the model does not know are ignored).
     * A table read without a header has columns named by their index in the file ({@code 0},
     * {@code 1}, ...): its rows are taken in the model's column order, after a first line that is
     * a header (one that does not read as a row), as for a model of plain numbers.
     */
    static Matrix readTable(Path file, TableEncoding table) {
        List<String> names =
                table.columns().stream().map(TableEncoding.Column::name).toList();
        boolean positional = names.stream().allMatch(n -> n.matches("\\d{1,9}"));
        List<float[]> rows = new ArrayList<>();
        TableEncoding.Encoder[] encoder = {positional ? table.forHeader(names) : null};
        forEachRecord(file, record -> {
            String where = file + ":" + record.getRecordNumber();
            float[] row = new float[table.width()];
            if (encoder[0] == null) {
                try {
                    encoder[0] = table.forHeader(record.toList());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(
                            where,
                            e.getMessage() + "; the first line must be a header naming the training file's columns");
                }
                return;
            }
            if (record.size() != encoder[0].headerSize()) {
                if (positional && record.getRecordNumber() == 1 && !encodes(encoder[0], record, row)) {
                    throw new ConfigException(
                            where, "the header has " + record.size() + " columns but the model takes " + names.size());
                }
                throw new ConfigException(
                        where,
                        "row has " + record.size() + " values but the "
                                + (positional
                                        ? "model takes " + names.size()
                                        : "header has " + encoder[0].headerSize()));
            }
            if (positional && record.getRecordNumber() == 1 && !encodes(encoder[0], record, row)) {
                return; // a header line
            }
            try {
                encoder[0].encode(record.toList(), row, 0);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage());
            }
            rows.add(row);
        });
        if (rows.isEmpty()) {
            throw new ConfigException(file.toString(), "no rows to predict");
        }
        return Matrix.of(rows.toArray(float[][]::new));
    }

    /** Whether {@code record} reads as a row of the table. */
    private static boolean encodes(TableEncoding.Encoder encoder, CSVRecord record, float[] row) {
        try {
            encoder.encode(record.toList(), row, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The numeric rows of a CSV file; a first row that is not numeric is taken as a header. */
    static Matrix readRows(Path file, int columns) {
        List<float[]> rows = new ArrayList<>();
        forEachRecord(file, record -> {
            String where = file + ":" + record.getRecordNumber();
            if (record.size() != columns) {
                if (rows.isEmpty() && record.getRecordNumber() == 1 && !numeric(record)) {
                    throw new ConfigException(
                            where,
                            "the header has " + record.size() + " columns but the model takes " + columns
                                    + " features");
                }
                throw new ConfigException(
                        where, "row has " + record.size() + " values but the model takes " + columns + " features");
            }
            if (record.getRecordNumber() == 1 && !numeric(record)) {
                return;
            }
            float[] row = new float[columns];
            for (int c = 0; c < columns; c++) {
                try {
                    row[c] = Float.parseFloat(record.get(c));
                } catch (NumberFormatException e) {
                    throw new ConfigException(where, "column " + (c + 1) + " is not a number: '" + record.get(c) + "'");
                }
            }
            rows.add(row);
        });
        if (rows.isEmpty()) {
            throw new ConfigException(file.toString(), "no rows to predict");
        }
        return Matrix.of(rows.toArray(float[][]::new));
    }

    /** Each record of a CSV file, in order; problems reading it are one-line errors naming the file (and line). */
    private static void forEachRecord(Path file, java.util.function.Consumer<CSVRecord> handler) {
        InputFiles.refuseNonRegular(file, "a CSV file");
        try (Reader reader = Files.newBufferedReader(file)) {
            for (CSVRecord record : CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(reader)) {
                handler.accept(record);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "input file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), "the file is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // The CSV parser's own errors, and a decoding error met while it reads ahead.
            throw malformed(file, e.getCause());
        }
    }

    private static ConfigException malformed(Path file, IOException cause) {
        if (cause instanceof CharacterCodingException) {
            return new ConfigException(file.toString(), "the file is not UTF-8 text; save it as UTF-8");
        }
        String message = String.valueOf(cause.getMessage());
        Matcher line = LINE.matcher(message);
        String where = line.find() ? file + ":" + line.group(1).replaceAll("\\D", "") : file.toString();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new ConfigException(
                    where,
                    "a quoted value opened here is never closed; close the quote with another \"," + " or remove it");
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return new ConfigException(
                    where,
                    "a quoted value is followed by more text before the next comma; quote the"
                            + " whole value, and write a quote inside it as two (\"\")");
        }
        return new ConfigException(file.toString(), "cannot be read as CSV (" + message + ")");
    }

    private static boolean numeric(CSVRecord record) {
        for (String v : record) {
            try {
                Float.parseFloat(v);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
