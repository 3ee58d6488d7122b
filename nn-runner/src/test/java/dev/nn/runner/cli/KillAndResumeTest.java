package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.core.train.Checkpoint;
import dev.nn.core.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nn train} as a separate process, stopped the hard way: SIGKILL at random moments (a
 * checkpoint half written, a batch half done) and Ctrl-C (SIGINT). Every time the checkpoint left
 * behind is whole, and the resumed run ends with a model.zip whose parameters are, bit for bit,
 * those of a run that was never stopped.
 */
class KillAndResumeTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; the real class path is in this property.
    private static final String CLASS_PATH =
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    @TempDir
    static Path tmp;

    private static Path config;
    private static Path reference;

    @BeforeAll
    static void trainWithoutStopping() throws IOException {
        config = tmp.resolve("digits-checkpointed.yaml");
        // About a hundred batches an epoch with dropout and Adam: every kind of state a resume must carry over.
        Files.writeString(config, """
                seed: 5
                data: {dataset: digits, validation: 0.1, preprocess: [standardize]}
                model:
                  layers:
                    - dense: {units: 64, activation: relu}
                    - dropout: {rate: 0.2}
                    - dense: {units: 10}
                  loss: softmax_cross_entropy
                train:
                  optimizer: {adam: {lr: 0.003}}
                  schedule: {cosine: {min_lr: 0.0001}}
                  batch_size: 12
                  epochs: 10
                  early_stopping: {monitor: val_loss, patience: 20}
                  checkpoint: true
                report: {plots: []}
                """);
        reference = tmp.resolve("reference");
        Cli cli = Cli.run("train", config.toString(), "--out", reference.toString(), "--threads", "2");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    /** The mean of a run's epoch times (history.csv's seconds), in milliseconds, at least 1. */
    private static int epochMillis(Path run) throws IOException {
        List<String> rows = Files.readAllLines(run.resolve("history.csv"));
        int column = List.of(rows.get(0).split(",")).indexOf("seconds");
        double mean = rows.stream()
                .skip(1)
                .mapToDouble(r -> Double.parseDouble(r.split(",")[column]))
                .average()
                .orElse(0);
        return Math.max(1, (int) Math.round(mean * 1000));
    }

    /** The bytes of params.bin in a run's model.zip: every parameter, bit for bit. */
    static byte[] params(Path run) throws IOException {
        try (ZipFile zip = new ZipFile(run.resolve("model.zip").toFile())) {
            return zip.getInputStream(zip.getEntry("params.bin")).readAllBytes();
        }
    }

    private static Process start(Path dir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                JAVA,
                "--add-modules",
                "jdk.incubator.vector",
                "-Xshare:auto",
                "-cp",
                CLASS_PATH,
                "dev.nn.runner.Main",
                "train",
                config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    private static String text(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    /** Waits until {@code checkpoint} exists and is newer than {@code than}, or the process has ended. */
    private static FileTime awaitCheckpoint(Process process, Path checkpoint, FileTime than) throws Exception {
        while (process.isAlive()) {
            if (Files.exists(checkpoint)) {
                FileTime time = Files.getLastModifiedTime(checkpoint);
                if (than == null || time.compareTo(than) > 0) {
                    return time;
                }
            }
            Thread.sleep(5);
        }
        return than;
    }

    /** Waits until a checkpoint is being written (its temporary file exists); false if the process ends first. */
    private static boolean awaitWriting(Process process, Path run) throws IOException {
        while (process.isAlive()) {
            try (var files = Files.list(run)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith("." + Checkpoint.FILE_NAME))) {
                    return true;
                }
            } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException e) {
                // A temporary file vanished while the folder was listed: look again.
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    @Timeout(300)
    void killedAtRandomMomentsAndResumedEachTimeItEndsBitIdentical() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path run = tmp.resolve("killed");
        Path checkpoint = run.resolve(Checkpoint.FILE_NAME);
        Process process = start(tmp, "killed-0", "--out", run.toString(), "--threads", "1");
        FileTime seen = null;
        List<String> kills = new ArrayList<>();
        // A random moment within about an epoch: a fixed bound would outlast the whole run once training is fast.
        int epochMillis = epochMillis(reference);
        for (int attempt = 1; attempt <= 4; attempt++) {
            seen = awaitCheckpoint(process, checkpoint, seen);
            // Twice at a random moment, once while the next checkpoint is being written, once more at random.
            boolean duringWrite = attempt == 3 && awaitWriting(process, run);
            if (!duringWrite) {
                Thread.sleep(random.nextInt(epochMillis));
            }
            if (!process.isAlive()) {
                break;
            }
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Whatever moment it died at, the checkpoint left behind is a whole one: the last one finished.
            TrainingState state = Checkpoint.load(checkpoint).state();
            kills.add((duringWrite ? "while writing a checkpoint" : "at random") + ", leaving " + state.position());
            seen = Files.getLastModifiedTime(checkpoint);
            // Resumed even when killed after the last epoch's checkpoint: the model and reports are still to write.
            process = start(
                    tmp, "killed-" + attempt, "--resume", run.toString(), "--threads", attempt % 2 == 0 ? "1" : "2");
            if (state.finished()) {
                break;
            }
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("random seed %d; kills at %s", seed, kills)
                .isZero();
        assertThat(kills)
                .as("the run was killed at least three times while training (random seed %d)", seed)
                .hasSizeGreaterThanOrEqualTo(3);
        System.out.printf("SIGKILL at %s (random seed %d)%n", kills, seed);
        assertThat(params(run)).as("random seed %d; kills at %s", seed, kills).isEqualTo(params(reference));
        assertThat(losses(run)).isEqualTo(losses(reference));
        try (var files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("temporary files of killed writes are cleaned up")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /** history.csv without the timing column. */
    private static List<String> losses(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream()
                .map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }

    /** Whether this JVM, and so a process it starts, ignores SIGINT (a background job of a non-interactive shell does). */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    @Test
    @Timeout(300)
    void ctrlCSavesACheckpointSaysHowToResumeAndExits130() throws Exception {
        Assumptions.assumeFalse(
                sigintIgnored(), "this JVM ignores SIGINT (started in the background), so its children do");
        Path run = tmp.resolve("interrupted");
        Process process = start(tmp, "interrupted", "--out", run.toString(), "--threads", "1");
        awaitCheckpoint(process, run.resolve(Checkpoint.FILE_NAME), null);
        assertThat(process.isAlive())
                .as("still training after its first checkpoint")
                .isTrue();
        // Into the next epoch, well before the run could end (a fixed 150 ms was most of a fast run).
        Thread.sleep(Math.max(1, epochMillis(reference) / 2));
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = text(tmp, "interrupted");
        assertThat(process.exitValue()).as(output).isEqualTo(130);
        assertThat(output)
                .contains("nn: Ctrl-C: stopping after this batch to save a checkpoint (Ctrl-C again to quit at once)")
                .containsPattern("nn: stopped (after batch \\d+ of|before) epoch \\d+ \\(Ctrl-C\\); saved "
                        + run.resolve("checkpoint.zip"));
        String resume = output.lines()
                .filter(l -> l.startsWith("nn: resume with: "))
                .findFirst()
                .orElseThrow();
        assertThat(resume).isEqualTo("nn: resume with: nn train " + config + " --threads 1 --resume " + run);
        TrainingState state = Checkpoint.load(run.resolve(Checkpoint.FILE_NAME)).state();
        assertThat(state.finished()).isFalse();

        // The printed command, as a person would paste it (in this JVM: the same code).
        List<String> args =
                List.of(resume.substring("nn: resume with: nn ".length()).split(" "));
        Cli resumed = Cli.run(args.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(params(run)).isEqualTo(params(reference));
        assertThat(losses(run)).isEqualTo(losses(reference));
    }

    /** A copy of the finished reference run with the temporary files that writes killed at any moment leave. */
    private static List<String> plantLeftovers(Path run) throws Exception {
        try (var files = Files.list(reference)) {
            Files.createDirectories(run);
            for (Path file : files.toList()) {
                Files.copy(file, run.resolve(file.getFileName()));
            }
        }
        Process ended = new ProcessBuilder(JAVA, "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(ended.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> leftovers = new ArrayList<>();
        for (String target : List.of(
                "model.zip",
                Checkpoint.FILE_NAME,
                "metrics.json",
                "history.csv",
                "report.txt",
                "config.yaml",
                "report.html",
                "loss.png")) {
            String name = "." + target + "." + ended.pid() + "-" + (leftovers.size() + 1) + ".tmp";
            Files.writeString(run.resolve(name), "half of a " + target);
            leftovers.add(name);
        }
        return leftovers;
    }

    private static List<String> temporaryFiles(Path run) throws IOException {
        try (var files = Files.list(run)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    @Timeout(120)
    void resumingRemovesTheTemporaryFilesOfWritesKilledMidway() throws Exception {
        Path run = tmp.resolve("leftovers-resumed");
        assertThat(plantLeftovers(run)).hasSize(8);
        Cli cli = Cli.run("train", config.toString(), "--resume", run.toString(), "--threads", "2");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(temporaryFiles(run)).isEmpty();
        assertThat(params(run)).isEqualTo(params(reference));
    }

    @Test
    @Timeout(120)
    void redrawingARunRemovesTheTemporaryFilesOfWritesKilledMidway() throws Exception {
        Path run = tmp.resolve("leftovers-redrawn");
        plantLeftovers(run);
        Cli cli = Cli.run("report", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(temporaryFiles(run)).isEmpty();
    }
}
