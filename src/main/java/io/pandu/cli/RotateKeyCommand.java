package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.app.PanduServer;
import io.pandu.auth.Caller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pandu user rotate-key}: a new token signing key in the store. */
@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "rotate-key",
        description =
                "Replace the token signing key kept in the store. Servers read it on start: after"
                        + " they restart, every token signed with the old key is refused"
                        + " (no effect on servers started with PANDU_JWT_SECRET).")
final class RotateKeyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DatabaseOptions database;

    @Override
    public Integer call() {
        try (Pandu services =
                Pandu.withSystemClock()
                        .store(database.config(spec.commandLine().getErr()))
                        .threads(1)
                        .open()) {
            PanduServer.signingKeys(services).rotateTokenKey(Caller.system());
            spec.commandLine()
                    .getOut()
                    .println(
                            "Rotated the token signing key: restart the servers; tokens signed"
                                    + " with the old key are refused");
            return 0;
        }
    }
}
