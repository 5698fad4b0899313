package io.pandu.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "test", description = "Run the rule scenarios (rules/**/scenarios/*.yaml).")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("scenarios not built yet");
    }
}
