package dev.nn.runner;

import dev.nn.runner.cli.NnCommand;

/** The {@code nn} command's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(NnCommand.run(args, System.out, System.err));
    }
}
