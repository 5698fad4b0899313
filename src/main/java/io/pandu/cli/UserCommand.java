package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.auth.Caller;
import io.pandu.auth.NewUser;
import io.pandu.auth.Role;
import io.pandu.auth.User;
import io.pandu.errors.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "user",
        description = "Manage users.",
        subcommands = {UserCommand.Create.class, RotateKeyCommand.class})
final class UserCommand {

    @Command(
            mixinStandardHelpOptions = true,
            version = PanduCli.VERSION,
            name = "create",
            description =
                    "Create a user, e.g. the first admin. The password is read from stdin "
                            + "(first line) unless --password is given.")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Mixin DatabaseOptions database;

        @Option(names = "--username", required = true, description = "User name (lower case)")
        String username;

        @Option(names = "--role", required = true, description = "rep, manager, ops or admin")
        String role;

        @Option(names = "--rep", description = "The rep record a rep user is (rep id)")
        String repId;

        @Option(names = "--manager", description = "The manager a manager user is (manager id)")
        String managerId;

        @Option(
                names = "--password",
                description = "The password (visible in the process list: prefer stdin)")
        String password;

        @Override
        public Integer call() {
            String secret = password != null ? password : readPassword();
            try (Pandu services =
                    Pandu.withSystemClock()
                            .store(database.config(spec.commandLine().getErr()))
                            .threads(1)
                            .open()) {
                User user =
                        services.users()
                                .create(
                                        Caller.system(),
                                        new NewUser(
                                                username,
                                                secret,
                                                Role.parse(role),
                                                repId,
                                                managerId));
                spec.commandLine()
                        .getOut()
                        .println(
                                "Created user "
                                        + user.username()
                                        + " ("
                                        + user.role().json()
                                        + (user.repId() != null ? ", rep " + user.repId() : "")
                                        + (user.managerId() != null
                                                ? ", manager " + user.managerId()
                                                : "")
                                        + ")");
                return 0;
            }
        }

        private String readPassword() {
            if (System.console() != null) {
                char[] typed = System.console().readPassword("Password for %s: ", username);
                return typed == null ? null : new String(typed);
            }
            try {
                String line =
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                                .readLine();
                if (line == null) {
                    throw new InvalidInputException(
                            "password", "give it on stdin (first line) or with --password");
                }
                return line;
            } catch (IOException e) {
                throw new InvalidInputException("password", "cannot read stdin: " + e.getMessage());
            }
        }
    }
}
