package dev.nn.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way nn writes a file that someone may be reading: into a temporary file beside it,
 * forced to disk, then renamed over it in one step. A reader, or a process killed at any moment,
 * sees the old file or the new one, never half of one.
 *
 * <p>A process killed while writing leaves its temporary file behind, named
 * {@code .<file>.<pid>-<n>.tmp}. {@link #removeLeftovers} deletes those of processes that are no
 * longer running; a run folder is swept that way when a run resumes, finishes, or is redrawn.
 */
public final class AtomicFile {
    /** {@code .model.zip.1234-7.tmp}: the target's name, the writing process and a counter. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d+)-\\d+\\.tmp");

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFile() {}

    /** What a file holds, written to a stream (which it may close when done). */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the file's bytes.
         *
         * @param out the temporary file's stream
         * @throws IOException when writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes whatever {@code content} puts out to {@code file}, replacing it if it exists. Either
     * the whole new file is there afterwards or, on any failure, the previous one is untouched and
     * no temporary file remains. The file is readable by everyone who may read its folder
     * ({@code rw-r--r--} under the usual umask), as any file nn writes.
     *
     * @param file    the file to write
     * @param content what it holds
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = createTemp(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // Content may close what it wraps around the stream (a zip's deflater, say); the
                // channel stays open until the bytes are on disk.
                OutputStream out = new FilterOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncFolder(target.getParent());
    }

    /**
     * Deletes the temporary files that writers killed mid-write left in {@code folder}: only names
     * of {@link #write}'s pattern, only regular files, and only those whose process has ended, so
     * a write in progress in another nn process is never disturbed.
     *
     * @param folder the folder to sweep (a missing one holds nothing)
     *
     * @return how many were deleted
     * @throws IOException when the folder cannot be listed or a leftover cannot be deleted
     */
    public static int removeLeftovers(Path folder) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path file : files) {
                Matcher name = TEMPORARY.matcher(file.getFileName().toString());
                if (name.matches()
                        && !running(name.group(1))
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    private static boolean running(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == PID || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false; // not a pid any process can have: not a live writer's
        }
    }

    /**
     * A new empty file beside {@code target}. Not {@link Files#createTempFile}: that makes the file
     * readable by its owner only, and the target would keep those permissions after the rename.
     */
    private static Path createTemp(Path target) throws IOException {
        String base = "." + target.getFileName() + "." + PID + "-";
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createFile(target.resolveSibling(base + COUNTER.incrementAndGet() + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows; a folder cannot be opened on every OS. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file is complete and in place; only its survival of a power cut is less certain.
        }
    }
}
