package dev.stepwise.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code test --junit FILE}: the outcomes as a JUnit XML report (one testsuite, a testcase per
 * test file, a failure with the differences), the format CI servers read.
 */
final class JUnitReport {
    private JUnitReport() {
    }

    static void write(Path file, List<TestCommand.Outcome> outcomes) {
        long failures = outcomes.stream().filter(o -> !o.passed()).count();
        double total = outcomes.stream().mapToDouble(TestCommand.Outcome::seconds).sum();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"stepwise\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                outcomes.size(), failures, total));
        for (TestCommand.Outcome outcome : outcomes) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" file=\"%s\" time=\"%.3f\"",
                    escape(classname(outcome.file())), escape(outcome.name()), escape(outcome.file()), outcome.seconds()));
            if (outcome.passed()) {
                xml.append("/>\n");
                continue;
            }
            xml.append(">\n    <failure message=\"").append(escape(outcome.problems().get(0))).append("\">")
                    .append(escape(String.join("\n", outcome.problems()))).append("</failure>\n  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new StepwiseCli.UsageException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The test file's directory, dotted, as JUnit reports group test cases by class. */
    private static String classname(String file) {
        Path parent = Path.of(file).getParent();
        return parent == null ? "tests" : parent.toString().replace('/', '.').replace('\\', '.').replaceAll("^\\.+", "");
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\n', '\t' -> escaped.append(c);
                default -> {
                    if (c < 0x20) {
                        escaped.append(' '); // not allowed in XML 1.0
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
