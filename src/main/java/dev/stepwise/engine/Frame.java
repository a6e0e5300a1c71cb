package dev.stepwise.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in the definition a step runs: the root branch, or a Parallel branch / Map item reached
 * through a chain of (state name, branch or item index) segments. Frames give steps their
 * deterministic ids ("Fan[2]/Inner[7]").
 */
public record Frame(List<Segment> segments) {
    public static final Frame ROOT = new Frame(List.of());

    public record Segment(String stateName, int index) {
        @Override
        public String toString() {
            return stateName + "[" + index + "]";
        }
    }

    public Frame {
        segments = List.copyOf(segments);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public Frame child(String stateName, int index) {
        List<Segment> path = new ArrayList<>(segments.size() + 1);
        path.addAll(segments);
        path.add(new Segment(stateName, index));
        return new Frame(path);
    }

    /** The frame that holds the Parallel or Map state this frame is a branch of. */
    public Frame parent() {
        if (isRoot()) {
            throw new IllegalStateException("the root frame has no parent");
        }
        return new Frame(segments.subList(0, segments.size() - 1));
    }

    /** The segment naming this branch: its Parallel/Map state and index. */
    public Segment last() {
        if (isRoot()) {
            throw new IllegalStateException("the root frame is not a branch");
        }
        return segments.get(segments.size() - 1);
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(segment);
        }
        return text.toString();
    }
}
