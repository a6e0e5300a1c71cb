package dev.stepwise.store;

/**
 * Deterministic keys of an execution's items. A frame key is the path of fan-outs that leads to
 * a branch: for each, the Parallel/Map state's name (escaped), the sequence number of its join
 * step and the branch index — "Fan@3[00000002]/Inner@1[00000007]"; the root frame's key is "".
 * Within a frame, steps are numbered 0, 1, 2 ... in the order they run, since a frame runs one
 * step at a time; so a step's successor, its branch's end item and its join are known from its
 * key alone, and one BatchGetItem can fetch them together.
 */
public final class StepKeys {
    private static final int WIDTH = 8;

    private StepKeys() {
    }

    public static String step(String frameKey, long seq) {
        return TableLayout.STEP + frameKey + "#" + pad(seq);
    }

    public static String frameKey(String stepKey) {
        return stepKey.substring(TableLayout.STEP.length(), stepKey.lastIndexOf('#'));
    }

    public static long seq(String stepKey) {
        return Long.parseLong(stepKey.substring(stepKey.lastIndexOf('#') + 1));
    }

    public static String successor(String stepKey) {
        return step(frameKey(stepKey), seq(stepKey) + 1);
    }

    public static String child(String frameKey, String stateName, long joinSeq, int index) {
        return (frameKey.isEmpty() ? "" : frameKey + "/") + escape(stateName) + "@" + joinSeq + "[" + pad(index) + "]";
    }

    public static boolean isRoot(String frameKey) {
        return frameKey.isEmpty();
    }

    /** The join step a branch frame reports to. */
    public static String join(String frameKey) {
        int slash = lastSegmentStart(frameKey);
        String segment = frameKey.substring(slash);
        String parent = slash == 0 ? "" : frameKey.substring(0, slash - 1);
        long joinSeq = Long.parseLong(segment.substring(segment.lastIndexOf('@') + 1, segment.lastIndexOf('[')));
        return step(parent, joinSeq);
    }

    /** Where a branch frame's end (output or error) is kept for its join. */
    public static String branchEnd(String frameKey) {
        int bracket = frameKey.lastIndexOf('[');
        return TableLayout.BRANCH_END + frameKey.substring(0, bracket) + "#" + frameKey.substring(bracket + 1, frameKey.length() - 1);
    }

    /** The prefix of all branch ends of the fan-out whose join is {@code joinKey}, for state {@code stateName}. */
    public static String branchEnds(String joinKey, String stateName) {
        String parent = frameKey(joinKey);
        return TableLayout.BRANCH_END + (parent.isEmpty() ? "" : parent + "/") + escape(stateName) + "@" + seq(joinKey) + "#";
    }

    /** The frame of a branch end key: "B#P/N@j#00000002" → "P/N@j[00000002]". */
    public static String frameOfBranchEnd(String branchEndKey) {
        int hash = branchEndKey.lastIndexOf('#');
        return branchEndKey.substring(2, hash) + "[" + branchEndKey.substring(hash + 1) + "]";
    }

    public static int branchIndex(String frameKey) {
        return Integer.parseInt(frameKey.substring(frameKey.lastIndexOf('[') + 1, frameKey.length() - 1));
    }

    public static String claim(String stepKey, int attempt) {
        return TableLayout.CLAIM + stepKey + "#" + attempt;
    }

    public static final String END = TableLayout.END;

    /** Where the end event item goes aside when redrive {@code n} begins. */
    public static String endOfRun(int redrive) {
        return TableLayout.END + "#" + redrive;
    }

    public static String redrive(int n) {
        return TableLayout.REDRIVE + n;
    }

    /** The result of the task awaiting step {@code awaitKey} waits for. */
    public static String result(String awaitKey) {
        return TableLayout.RESULT + awaitKey;
    }

    public static String beat(String awaitKey) {
        return TableLayout.BEAT + awaitKey;
    }

    public static String token(String awaitKey) {
        return TableLayout.TOKEN + awaitKey;
    }

    public static String taken(String awaitKey) {
        return TableLayout.TAKEN + awaitKey;
    }

    // ---- a Map Run's messages to its parent (never item keys) ---------------------------------
    /** Read page n of the Map Run whose join is the key's: {@code "F#" joinKey "#" page}. */
    private static final String FEED = "F#";
    /** Start children from..to of a Map Run's chunk: {@code "I#" joinKey "#" chunk "#" from "#" to}. */
    private static final String RUN_STARTS = "I#";

    public static String feed(String joinKey, int page) {
        return FEED + joinKey + "#" + pad(page);
    }

    public static String runStarts(String joinKey, int chunk, int from, int to) {
        return RUN_STARTS + joinKey + "#" + pad(chunk) + "#" + from + "#" + to;
    }

    public static boolean isFeed(String key) {
        return key.startsWith(FEED);
    }

    public static boolean isRunStarts(String key) {
        return key.startsWith(RUN_STARTS);
    }

    /** The join key of a Map Run message. */
    public static String runJoin(String messageKey) {
        String rest = messageKey.substring(2);
        int fields = isFeed(messageKey) ? 1 : 3;
        int end = rest.length();
        for (int i = 0; i < fields; i++) {
            end = rest.lastIndexOf('#', end - 1);
        }
        return rest.substring(0, end);
    }

    /** The numbers a Map Run message ends with: [page] for a feed, [chunk, from, to] for starts. */
    public static int[] runNumbers(String messageKey) {
        String[] tail = messageKey.substring(2 + runJoin(messageKey).length() + 1).split("#");
        int[] numbers = new int[tail.length];
        for (int i = 0; i < tail.length; i++) {
            numbers[i] = Integer.parseInt(tail[i]);
        }
        return numbers;
    }

    public static boolean isStep(String key) {
        return key.startsWith(TableLayout.STEP);
    }

    public static boolean isBranchEnd(String key) {
        return key.startsWith(TableLayout.BRANCH_END);
    }

    private static int lastSegmentStart(String frameKey) {
        for (int i = frameKey.length() - 1; i > 0; i--) {
            if (frameKey.charAt(i) == '/' && frameKey.charAt(i - 1) != '\\') {
                return i + 1;
            }
        }
        return 0;
    }

    /** State names may hold any character; the ones the keys use as separators are escaped. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '/' || c == '#' || c == '@' || c == '[' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    public static String pad(long n) {
        String digits = Long.toString(n);
        return digits.length() >= WIDTH ? digits : "0".repeat(WIDTH - digits.length()) + digits;
    }
}
