package dev.nn.plugins;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random damage to a file's bytes, as interrupted downloads, failing disks and careless editors do
 * it: cut short, bits flipped, bytes overwritten, inserted or dropped. For properties that every
 * loader must meet whatever the damage.
 */
public final class Damage {

    /** The damaged bytes and what was done, for the message of a failed property. */
    public record Applied(byte[] bytes, String description) {}

    private Damage() {}

    /** One kind of damage to a copy of {@code original}, chosen and placed by {@code random}. */
    public static Applied apply(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int kind = random.nextInt(5);
        if (kind == 0 || bytes.length == 0) {
            int length = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            return new Applied(Arrays.copyOf(bytes, length), "cut to " + length + " of " + bytes.length + " bytes");
        }
        StringBuilder what = new StringBuilder();
        switch (kind) {
            case 1 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int at = random.nextInt(bytes.length);
                    int bit = random.nextInt(8);
                    bytes[at] ^= (byte) (1 << bit);
                    what.append("bit ")
                            .append(bit)
                            .append(" of byte ")
                            .append(at)
                            .append(" flipped; ");
                }
            }
            case 2 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = (byte) random.nextInt(256);
                    what.append("byte ")
                            .append(at)
                            .append(" set to ")
                            .append(bytes[at] & 0xff)
                            .append("; ");
                }
            }
            case 3 -> {
                int at = random.nextInt(bytes.length + 1);
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                byte[] longer = new byte[bytes.length + inserted.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(inserted, 0, longer, at, inserted.length);
                System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
                bytes = longer;
                what.append(inserted.length)
                        .append(" random bytes inserted at ")
                        .append(at);
            }
            default -> {
                int at = random.nextInt(bytes.length);
                int count = Math.min(1 + random.nextInt(16), bytes.length - at);
                byte[] shorter = new byte[bytes.length - count];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + count, shorter, at, bytes.length - at - count);
                bytes = shorter;
                what.append(count).append(" bytes dropped at ").append(at);
            }
        }
        return new Applied(bytes, what.toString());
    }

    /**
     * The kind of a refusal, for jqwik's statistics: the first problem's message with file names, quoted
     * values and numbers left out, up to its first ';' or '('.
     */
    public static String kind(dev.nn.api.ConfigException e, String... files) {
        String message = e.problems().get(0).message();
        for (String file : files) {
            message = message.replace(file, "FILE");
        }
        message = message.replaceAll("'[^']*'", "'…'")
                .replaceAll("0x[0-9A-F]+", "#")
                .replaceAll("[0-9]+", "N");
        int end = message.length();
        for (char c : new char[] {';', '('}) {
            int at = message.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return message.substring(0, end).strip();
    }
}
