package dev.stepwise.local;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code ./stepwise}: the command line everyone scripts. Its command names, exit codes and the
 * lines it prints are a stable interface.
 */
public final class StepwiseCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private StepwiseCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> new RunCommand(out, err).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "serve" -> new ServeCommand(out, err).run(rest);
                case "-h", "--help", "help" -> usage(out) == USAGE ? OK : OK;
                default -> {
                    err.println("stepwise: unknown command '" + args[0] + "'");
                    yield usage(err);
                }
            };
        } catch (UsageException e) {
            err.println("stepwise: " + e.getMessage());
            return USAGE;
        }
    }

    static int usage(PrintStream to) {
        to.println("""
                usage: ./stepwise COMMAND [OPTIONS]

                  run DEFINITION.json [--input JSON|@FILE] [--endpoint SERVICE=URL]... [--data-dir DIR] [--in-memory]
                        run one execution through the durable path (DynamoDB + SQS, embedded
                        emulators with S3 unless --endpoint dynamodb=URL / sqs=URL / s3=URL, each
                        announced on stderr as 'endpoint SERVICE URL'); prints its output
                        JSON on stdout and the states it enters on stderr; exit 0 succeeded,
                        1 failed/timed out/aborted, 2 invalid definition or usage.
                        --data-dir keeps state on disk and resumes executions a killed run left;
                        --in-memory uses the engine alone on a virtual clock (waits are instant)
                      [--mock FILE --test-case NAME] [--time-scale F]
                        mock Task states with a test case of a Step Functions Local mock file
                        (the machine is named after DEFINITION's file name); --time-scale 0 makes
                        Wait states and retry back-offs pass at once, 0.01 shortens them 100x
                  serve [--port N] [--region R] [--account A] [--auth sigv4 --credentials KEY:SECRET]
                        [--endpoint SERVICE=URL]... [--data-dir DIR] [--in-memory]
                        serve the Step Functions API (AWS JSON 1.0) on http://127.0.0.1:N
                        (default 8083); prints 'listening on http://127.0.0.1:N' when ready.
                        Executions run on the durable path (DynamoDB + SQS, embedded emulators
                        unless --endpoint); --data-dir keeps them on disk; --in-memory keeps
                        everything in this process. --mock FILE (or SFN_MOCK_CONFIG=FILE):
                        StartExecution on '<ARN>#<TestCase>' runs with that test case;
                        --time-scale F as for run (durable only)
                  bench [--workloads DIR] [--seconds N] [--durable]
                        run the benchmark workloads; prints 'bench: <workload> <transitions>/s'
                        (--durable: through DynamoDB + SQS on the emulators, beside an I/O floor)

                Task integrations (run, serve): Lambda, SQS, DynamoDB, SNS, EventBridge and HTTP
                Tasks, and aws-sdk:SERVICE:ACTION for s3, dynamodb, sqs, sns, eventbridge, lambda,
                sfn, secretsmanager, ssm, call --endpoint lambda=URL / sns=URL / events=URL /
                states=URL / secretsmanager=URL / ssm=URL (sqs, dynamodb and s3: the emulators
                unless named), else AWS; --http-auth [CONNECTION_ARN=]HEADER:VALUE
                (repeatable) authenticates HTTP Tasks in place of EventBridge connections
                """);
        return USAGE;
    }

    /** A mistake on the command line: exit 2 with this message. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
