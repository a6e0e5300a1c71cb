package dev.stepwise.local;

import dev.stepwise.asl.validate.Spelling;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./stepwise}: the command line everyone scripts. Its command names, exit codes and the
 * lines it prints are a stable interface.
 */
public final class StepwiseCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The commands, in the order the usage lists them. */
    static final List<CommandLine.Spec> COMMANDS =
            List.of(RunCommand.SPEC, TestCommand.SPEC, ServeCommand.SPEC, BenchCommand.SPEC);

    /** Each command's options: its --help is answered here, before the command starts anything. */
    private static final Map<String, CommandLine.Spec> SPECS = Map.of("run", RunCommand.SPEC, "test", TestCommand.SPEC,
            "bench", BenchCommand.SPEC, "serve", ServeCommand.SPEC);

    private StepwiseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            CommandLine.Spec spec = SPECS.get(args[0]);
            if (spec != null && CommandLine.parse(spec, rest).help()) {
                spec.printHelp(out);
                return OK;
            }
            return switch (args[0]) {
                case "run" -> new RunCommand(out, err).run(rest);
                case "test" -> new TestCommand(out, err).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "serve" -> new ServeCommand(out, err).run(rest);
                case "-h", "--help", "help" -> {
                    usage(out);
                    yield OK;
                }
                case "--version", "version" -> {
                    out.println(version());
                    yield OK;
                }
                default -> throw unknown(args[0]);
            };
        } catch (UsageException e) {
            err.println("stepwise: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            Emulators.StartFailure failure = startFailure(e);
            if (failure == null) {
                throw e;
            }
            err.println("stepwise: " + failure.getMessage());
            return FAILED;
        }
    }

    /** The emulator start failure behind {@code e} (it may come wrapped by the future that waited for it), or null. */
    private static Emulators.StartFailure startFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Emulators.StartFailure failure) {
                return failure;
            }
        }
        return null;
    }

    /** An unknown command, or option before the command, named with the closest known one. */
    private static UsageException unknown(String word) {
        List<String> commands = COMMANDS.stream().map(CommandLine.Spec::command).toList();
        boolean option = word.startsWith("-");
        String meant = Spelling.closest(word, option ? List.of("--help", "--version") : commands)
                .map(known -> " (did you mean '" + known + "'?)").orElse("");
        return new UsageException("unknown " + (option ? "option" : "command") + " '" + word + "'" + meant
                + "; commands: " + String.join(", ", commands) + " (./stepwise --help)");
    }

    /** "stepwise VERSION (Java VERSION)"; the version is the jar's (Implementation-Version of its manifest). */
    static String version() {
        String version = StepwiseCli.class.getPackage().getImplementationVersion();
        return "stepwise " + (version == null ? "(development build)" : version) + " (Java " + Runtime.version() + ")";
    }

    static void usage(PrintStream to) {
        to.println("usage: ./stepwise COMMAND [OPTIONS]");
        to.println();
        to.println("commands:");
        for (CommandLine.Spec command : COMMANDS) {
            String left = "  " + command.command() + (command.operands().isEmpty() ? "" : " " + command.operands());
            to.println(String.format("%-28s%s", left, command.summary()));
        }
        to.println();
        to.println("./stepwise COMMAND --help lists a command's options; ./stepwise --version prints the version.");
        to.println("Exit status: 0 success, 1 a failed execution or test, 2 a usage error or an invalid definition.");
    }

    /** A mistake on the command line: exit 2 with this message. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
