package dev.nn.runner;

import dev.nn.runner.cli.NnCommand;

/** The {@code nn} command's entry point. */
public final class Main {
    private Main() {}

    /**
     * Runs the {@code nn} command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Plots are drawn with AWT, which must not look for a display on servers and CI machines.
        System.setProperty("java.awt.headless", "true");
        System.exit(NnCommand.run(args, System.out, System.err));
    }
}
