package dev.stepwise.store;

/**
 * In a child execution's partition: who waits for its end. Either a {@code .sync} Task step of the
 * parent ({@code awaitKey}; {@code json}: {@code .sync:2}, whose result carries JSON rather than
 * text), or a Map Run whose child it is ({@code runChild}).
 */
public record ParentLink(String parentArn, String awaitKey, boolean json, RunChild runChild) {

    /**
     * A Map Run's child: the run's join step in the parent, the run, the parent's attempt (its
     * redrive count when the run's children started), the chunk the child is counted in and its
     * place there, and how many items it holds.
     */
    public record RunChild(String joinKey, String mapRunArn, int attempt, int chunk, int slot, int items) {
    }

    public static ParentLink sync(String parentArn, String awaitKey, boolean json) {
        return new ParentLink(parentArn, awaitKey, json, null);
    }

    public static ParentLink mapRunChild(String parentArn, RunChild child) {
        return new ParentLink(parentArn, null, false, child);
    }

    public boolean isMapRunChild() {
        return runChild != null;
    }
}
