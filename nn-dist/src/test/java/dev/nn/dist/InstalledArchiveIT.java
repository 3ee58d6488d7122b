package dev.nn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user meets it: unpacked with tar, its bin/nn run from another folder
 * with a JDK and nothing else (no Maven in reach, no source tree), directly and through symlinks.
 * The runs land in the working folder, the class-data archive in the user's cache, and the install
 * folder is left exactly as it was unpacked.
 */
class InstalledArchiveIT {

    private static final String NAME = System.getProperty("nn.dist.name");
    private static final Path TAR = Path.of(System.getProperty("nn.dist.tar"));
    private static final Path ZIP = Path.of(System.getProperty("nn.dist.zip"));

    /** What bin/nn needs of the system, and nothing else: in particular no mvn. */
    private static final List<String> TOOLS =
            List.of("bash", "env", "readlink", "dirname", "cat", "cksum", "cut", "mkdir", "grep");

    @Test
    @Timeout(120)
    void unpackedArchiveTrainsFromAnyFolderAndWritesNothingIntoItself(@TempDir Path tmp) throws Exception {
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        run(opt, Map.of("PATH", System.getenv("PATH")), "tar", "xzf", TAR.toString());
        Path install = opt.resolve(NAME);

        assertThat(install.resolve("bin/nn")).isExecutable();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(install.resolve("bin/nn"))))
                .isEqualTo("rwxr-xr-x");
        for (String file : List.of(
                "lib/nn.jar",
                "lib/VERSION",
                "LICENSE",
                "NOTICE",
                "README.md",
                "configs/digits.yaml",
                "configs/seeds/nielsen-784-30-10.yaml",
                "configs/tabular/diabetes.yaml")) {
            assertThat(install.resolve(file)).as(file).isRegularFile();
        }
        assertThat(Files.readString(install.resolve("NOTICE")))
                .contains("Copyright 2026 the nn developers")
                .contains("CC BY 4.0")
                .contains("BSD-3-Clause");
        assertThat(zipFiles()).as("the zip holds what the tar.gz holds").isEqualTo(files(opt));

        Map<String, String> before = listing(install);
        Path cache = tmp.resolve("cache");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Map<String, String> env = environment(tmp, cache, home);
        String config = install.resolve("configs/digits.yaml").toString();

        // The first run makes the class-data archive in the cache folder (which it creates).
        Path work = Files.createDirectories(tmp.resolve("work"));
        Result first = run(work, env, install.resolve("bin/nn").toString(), "train", config, "--set", "train.epochs=2");
        assertThat(first.exitValue()).as(first.output()).isZero();
        assertThat(runFolders(work)).hasSize(1);
        List<Path> archives = archives(cache);
        assertThat(archives).as("the class-data archive in " + cache).hasSize(1);
        String archiveStamp = stamp(archives.get(0));

        // The second run starts from it: nn's classes come from the archive, which stays as it was.
        Path classLog = tmp.resolve("classes.log");
        Map<String, String> logging = new TreeMap<>(env);
        logging.put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Result second = run(
                work,
                logging,
                install.resolve("bin/nn").toString(),
                "train",
                config,
                "--set",
                "train.epochs=2",
                "--out",
                "second");
        assertThat(second.exitValue()).as(second.output()).isZero();
        assertThat(work.resolve("second/metrics.json")).isRegularFile();
        assertThat(archives(cache)).isEqualTo(archives);
        assertThat(stamp(archives.get(0))).isEqualTo(archiveStamp);
        assertThat(Files.readAllLines(classLog))
                .anyMatch(line -> line.contains("dev.nn.runner.Main source: shared objects file"));

        // Through symlinks, as from /usr/local/bin: an absolute one, and a relative one to that.
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("nn"), install.resolve("bin/nn"));
        Files.createSymbolicLink(links.resolve("nn-again"), Path.of("nn"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Result linked = run(
                elsewhere,
                env,
                links.resolve("nn-again").toString(),
                "train",
                config,
                "--set",
                "train.epochs=2",
                "--set",
                "report.plots=[]");
        assertThat(linked.exitValue()).as(linked.output()).isZero();
        assertThat(runFolders(elsewhere)).hasSize(1);

        // Another command makes an archive of its own (an archive holds the classes of the run that made
        // it), and leaves training's as it was.
        Result validate = run(work, env, install.resolve("bin/nn").toString(), "validate", config);
        assertThat(validate.exitValue()).as(validate.output()).isZero();
        List<Path> both = archives(cache);
        assertThat(both).hasSize(2).contains(archives.get(0));
        assertThat(both).anyMatch(f -> f.getFileName().toString().endsWith("-validate.jsa"));
        assertThat(archives.get(0).getFileName().toString()).endsWith("-train.jsa");
        assertThat(stamp(archives.get(0))).isEqualTo(archiveStamp);

        assertThat(listing(install)).as("the install folder after four runs").isEqualTo(before);
    }

    /** A JDK, a home, a cache and the few tools bin/nn uses, linked into a folder that is the whole PATH. */
    private static Map<String, String> environment(Path tmp, Path cache, Path home) throws IOException {
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : TOOLS) {
            Path found = Stream.of("/usr/bin", "/bin")
                    .map(dir -> Path.of(dir, tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + tool + " in /usr/bin or /bin"));
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        try (Stream<Path> onPath = Files.list(tools)) {
            assertThat(onPath.map(p -> p.getFileName().toString())).doesNotContain("mvn", "mvnw");
        }
        return Map.of(
                "PATH",
                tools.toString(),
                "HOME",
                home.toString(),
                "XDG_CACHE_HOME",
                cache.toString(),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "LANG",
                "C.UTF-8");
    }

    private record Result(int exitValue, String output) {}

    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        return new Result(process.exitValue(), Files.readString(out));
    }

    private static List<Path> runFolders(Path work) throws IOException {
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            List<Path> folders = runs.filter(run -> Files.isRegularFile(run.resolve("metrics.json")))
                    .collect(Collectors.toList());
            assertThat(folders).allMatch(run -> run.getFileName().toString().startsWith("digits-"));
            return folders;
        }
    }

    private static List<Path> archives(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("nn"))) {
            List<Path> jsa = files.filter(f -> f.getFileName().toString().endsWith(".jsa"))
                    .sorted()
                    .collect(Collectors.toList());
            assertThat(jsa).allMatch(f -> f.getFileName().toString().startsWith(NAME + "-"));
            return jsa;
        }
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
    }

    /** Every path below the folder with its size, last-modified time and permissions. */
    private static Map<String, String> listing(Path folder) throws IOException {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                listing.put(
                        folder.relativize(p).toString(),
                        (Files.isDirectory(p) ? "d " : Files.size(p) + " ")
                                + Files.getLastModifiedTime(p).toMillis() + " "
                                + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        assertThat(listing).hasSizeGreaterThan(10);
        return listing;
    }

    private static TreeSet<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static TreeSet<String> zipFiles() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile(), StandardCharsets.UTF_8)) {
            List<String> names = new ArrayList<>();
            Collections.list(zip.entries()).stream()
                    .filter(e -> !e.isDirectory())
                    .forEach(e -> names.add(e.getName()));
            return new TreeSet<>(names);
        }
    }
}
