package dev.nn.plugins.data;

import dev.nn.api.Dataset;
import dev.nn.api.Options;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small IDX files for tests: images with known pixels, labels, their gzip form, and loading them as a dataset. */
final class IdxFixtures {

    private IdxFixtures() {}

    /** Pixel (i, p) of the generated images: covers 0..255, so unsigned bytes are tested. */
    static int pixel(int image, int p) {
        return (image * 37 + p * 11) % 256;
    }

    /** An images file: the header announces {@code count} images of {@code rows x cols}, all of them present. */
    static byte[] images(int count, int rows, int cols) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(IdxFile.IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < rows * cols; p++) {
                    out.writeByte(pixel(i, p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A labels file holding {@code labels}. */
    static byte[] labels(int... labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(IdxFile.LABELS_MAGIC);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Only a header: the magic number and {@code sizes}, with no values after it. */
    static byte[] header(int magic, int... sizes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int size : sizes) {
                out.writeInt(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code content} to {@code name} in {@code dir}. */
    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** The dataset {@code idx} gives for these options ({@code "images", path, "labels", path, ...}). */
    static Dataset load(Object... keyValues) throws IOException {
        Map<String, Object> options = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Idx.Provider().load(Options.of(options));
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
