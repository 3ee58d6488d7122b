package dev.nn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.bench.GemmBenchmark.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The benchmarks' set-up and one invocation, run without JMH, so a renamed plugin or a changed
 * API breaks the build instead of the next measurement; and the gemm shapes pinned to the ones the
 * OpenBLAS peer and the comparison driver measure.
 */
class BenchmarkSetupTest {

    @Test
    void gemmShapeNamesGiveDimensionsAndTransposes() {
        assertThat(Shape.parse("sq512")).isEqualTo(new Shape(512, 512, 512, false, false));
        assertThat(Shape.parse("fwd_128x784x100")).isEqualTo(new Shape(128, 784, 100, false, false));
        assertThat(Shape.parse("dW_784x128x100_tA")).isEqualTo(new Shape(784, 128, 100, true, false));
        assertThat(Shape.parse("dX_128x10x100_tB")).isEqualTo(new Shape(128, 10, 100, false, true));
    }

    @Test
    void malformedGemmShapeSaysWhatIsExpected() {
        assertThatThrownBy(() -> Shape.parse("fwd_128x784")).hasMessageContaining("expected M x K x N");
        assertThatThrownBy(() -> Shape.parse("fwd_1x2x3_tC")).hasMessageContaining("unknown flag 'tC'");
    }

    @Test
    void gemmShapesAreTheOnesTheOpenblasPeerAndTheDriverMeasure() throws Exception {
        List<String> shapes = Arrays.asList(
                GemmBenchmark.class.getField("shape").getAnnotation(Param.class).value());
        assertThat(quoted(read("openblas_gemm.py"), "SHAPES = \\[(.*?)\\]")).isEqualTo(shapes);
        assertThat(quoted(read("compare.py"), "GEMM = \\[(.*?)\\n\\]").stream()
                        .filter(s -> !s.contains(" "))
                        .toList())
                .isEqualTo(shapes);
    }

    @Test
    void gemmBenchmarkCountsTwoFlopsPerMultiplyAdd() {
        GemmBenchmark bench = new GemmBenchmark();
        bench.shape = "fwd_128x100x10";
        bench.engine = "scalar";
        bench.threads = 1;
        bench.setUp();
        GemmBenchmark.Flops flops = new GemmBenchmark.Flops();

        bench.gemm(flops);
        bench.gemm(flops);

        assertThat(flops.gflop).isEqualTo(2 * 2.0 * 128 * 100 * 10 / 1e9);
    }

    @Test
    void trainingStepBenchmarkLowersTheLossOnItsBatch() {
        TrainingStepBenchmark bench = new TrainingStepBenchmark();
        bench.batch = 32;
        bench.threads = 1;
        bench.engine = "scalar";
        bench.setUp();
        TrainingStepBenchmark.Examples counter = new TrainingStepBenchmark.Examples();

        float first = bench.step(counter);
        float last = first;
        for (int i = 0; i < 20; i++) {
            last = bench.step(counter);
        }

        assertThat(first).isGreaterThan(2f); // about ln 10 for random labels
        assertThat(last).isLessThan(first / 2);
        assertThat(counter.examples).isEqualTo(21 * 32);
    }

    @Test
    void tinyNetworkBenchmarkLowersTheLossOnItsBatch() {
        TinyNetworkBenchmark bench = new TinyNetworkBenchmark();
        bench.threads = 1;
        bench.engine = Workloads.DEFAULT_ENGINE;
        bench.setUp();

        float first = bench.step();
        float last = first;
        for (int i = 0; i < 200; i++) {
            last = bench.step();
        }

        assertThat(last).isLessThan(first);
    }

    private static String read(String script) throws IOException {
        return Files.readString(Path.of("..", "bench", script));
    }

    /** The double-quoted strings inside the first match of {@code list} (one group) in {@code text}. */
    private static List<String> quoted(String text, String list) {
        Matcher m = Pattern.compile(list, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("pattern %s", list).isTrue();
        return Pattern.compile("\"([^\"]*)\"")
                .matcher(m.group(1))
                .results()
                .map(r -> r.group(1))
                .toList();
    }
}
