package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a terminal signals every process of the job, so bin/nn's stderr filter gets SIGINT too;
 * it must outlive the JVM, or the lines that say how to resume are lost on the way out.
 */
class CtrlCThroughBinNnIT {

    @Test
    @Timeout(180)
    void ctrlCToTheWholeJobStillPrintsHowToResume(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(KillAndResumeTest.sigintIgnored(), "this JVM ignores SIGINT, so its children do");
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid to start a job of its own");
        Path run = dir.resolve("run");
        Path err = dir.resolve("err.txt");
        // setsid makes bin/nn the leader of a new process group, as a shell makes a job.
        Process job = new ProcessBuilder(
                        "/usr/bin/setsid",
                        Path.of("..", "bin", "nn").toAbsolutePath().toString(),
                        "train",
                        Path.of("..", "configs", "digits.yaml").toAbsolutePath().toString(),
                        "--set",
                        "train.epochs=200",
                        "--set",
                        "train.checkpoint=true",
                        "--set",
                        "report.plots=[]",
                        "--out",
                        run.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err.toFile())
                .start();
        Path checkpoint = run.resolve("checkpoint.zip");
        while (job.isAlive() && !Files.exists(checkpoint)) {
            Thread.sleep(10);
        }
        assertThat(job.isAlive())
                .as("still training after its first checkpoint")
                .isTrue();
        Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + job.pid()).start();
        assertThat(ctrlC.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // The filter writes what the JVM wrote before it ended; give it a moment to reach the file.
        String output = "";
        for (int i = 0; i < 100 && !output.contains("resume with:"); i++) {
            Thread.sleep(20);
            output = Files.readString(err, StandardCharsets.UTF_8);
        }
        assertThat(job.exitValue()).as(output).isEqualTo(130);
        assertThat(output)
                .contains("nn: resume with: nn train ")
                .contains("--resume " + run)
                .doesNotContain("WARNING: Using incubator modules");
    }
}
