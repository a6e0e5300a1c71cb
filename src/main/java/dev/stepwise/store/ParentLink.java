package dev.stepwise.store;

/**
 * In a child execution's partition: who waits for its end. Either a {@code .sync} Task step of the
 * parent ({@code awaitKey}; {@code json}: {@code .sync:2}, whose result carries JSON rather than
 * text), or a Map Run's branch ({@code startKey}, the branch's start step, and its {@code index}).
 */
public record ParentLink(String parentArn, String awaitKey, boolean json, String startKey, int index) {

    public static ParentLink sync(String parentArn, String awaitKey, boolean json) {
        return new ParentLink(parentArn, awaitKey, json, null, -1);
    }

    public static ParentLink mapRunBranch(String parentArn, String startKey, int index) {
        return new ParentLink(parentArn, null, false, startKey, index);
    }

    public boolean isMapRunBranch() {
        return startKey != null;
    }
}
