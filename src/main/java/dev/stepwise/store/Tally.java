package dev.stepwise.store;

/**
 * Children and items of a Map Run by how their child execution ended (DescribeMapRun's
 * executionCounts and itemCounts): an ItemBatcher's child holds many items.
 */
public record Tally(long childrenSucceeded, long childrenFailed, long childrenTimedOut, long childrenAborted,
                    long itemsSucceeded, long itemsFailed, long itemsTimedOut, long itemsAborted) {
    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

    /** One child of {@code items} items that ended with {@code status} (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). */
    public static Tally of(String status, long items) {
        return switch (status) {
            case "SUCCEEDED" -> new Tally(1, 0, 0, 0, items, 0, 0, 0);
            case "TIMED_OUT" -> new Tally(0, 0, 1, 0, 0, 0, items, 0);
            case "ABORTED" -> new Tally(0, 0, 0, 1, 0, 0, 0, items);
            default -> new Tally(0, 1, 0, 0, 0, items, 0, 0);
        };
    }

    public Tally plus(Tally other) {
        return new Tally(childrenSucceeded + other.childrenSucceeded, childrenFailed + other.childrenFailed,
                childrenTimedOut + other.childrenTimedOut, childrenAborted + other.childrenAborted,
                itemsSucceeded + other.itemsSucceeded, itemsFailed + other.itemsFailed, itemsTimedOut + other.itemsTimedOut,
                itemsAborted + other.itemsAborted);
    }

    public long children() {
        return childrenSucceeded + childrenFailed + childrenTimedOut + childrenAborted;
    }

    public long items() {
        return itemsSucceeded + itemsFailed + itemsTimedOut + itemsAborted;
    }

    /** Children that did not succeed: the failures a Map Run tolerates or not. */
    public long childrenUnsuccessful() {
        return childrenFailed + childrenTimedOut + childrenAborted;
    }
}
