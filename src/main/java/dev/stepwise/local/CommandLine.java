package dev.stepwise.local;

import dev.stepwise.asl.validate.Spelling;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one command takes — its operands and options, each with a line of help — and the parse of
 * its arguments against that. Every command answers {@code --help}; an unknown option is a usage
 * error that names the closest known one ("unknown option '--imput' (did you mean --input?)").
 */
final class CommandLine {
    /** An option: a flag when {@code value} is null, else it takes the value named so (FILE, N, ...). */
    record Option(String name, String value, String help) {
    }

    /** A command's synopsis, what it does, its options in the order they are shown. */
    record Spec(String command, String operands, String summary, String description, List<Option> options) {
        Option option(String name) {
            return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
        }

        /** {@code --help}: synopsis, description, then one line per option. */
        void printHelp(PrintStream to) {
            to.println("usage: ./stepwise " + command + (operands.isEmpty() ? "" : " " + operands) + " [OPTIONS]");
            to.println();
            to.println(description.strip());
            to.println();
            to.println("options:");
            for (Option option : options) {
                String left = "  " + option.name() + (option.value() == null ? "" : " " + option.value());
                to.println(left.length() < 28 ? String.format("%-28s%s", left, option.help())
                        : left + System.lineSeparator() + " ".repeat(28) + option.help());
            }
            to.println(String.format("%-28s%s", "  -h, --help", "this help"));
        }
    }

    /** The arguments of one invocation: the options given (each with its values, in order) and the operands. */
    record Parsed(boolean help, Map<String, List<String>> options, List<String> operands) {
        boolean has(String option) {
            return options.containsKey(option);
        }

        /** The last value given for {@code option}, or {@code otherwise}. */
        String value(String option, String otherwise) {
            List<String> values = options.get(option);
            return values == null ? otherwise : values.get(values.size() - 1);
        }

        List<String> values(String option) {
            return options.getOrDefault(option, List.of());
        }
    }

    private CommandLine() {
    }

    /** Parses {@code args} against {@code spec}; a mistake is a {@link StepwiseCli.UsageException} saying what is wrong. */
    static Parsed parse(Spec spec, String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                Option option = spec.option(name);
                if (option == null) {
                    throw new StepwiseCli.UsageException("unknown option '" + name + "' for " + spec.command()
                            + Spelling.closest(name, spec.options().stream().map(Option::name).toList())
                                    .map(known -> " (did you mean " + known + "?)").orElse("")
                            + "; see ./stepwise " + spec.command() + " --help");
                }
                String value = null;
                if (option.value() != null) {
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new StepwiseCli.UsageException(name + " needs " + option.value());
                    }
                } else if (arg.contains("=")) {
                    throw new StepwiseCli.UsageException(name + " takes no value");
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                operands.add(arg);
            }
        }
        return new Parsed(help, options, operands);
    }
}
