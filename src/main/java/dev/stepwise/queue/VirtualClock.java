package dev.stepwise.queue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: an in-process run drains its queue and, when nothing is due,
 * jumps to the next message's time, so Wait states and retry back-offs pass at once while every
 * timestamp reads as if the time had passed.
 */
public final class VirtualClock extends Clock {
    private final AtomicLong millis;

    public VirtualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** Moves the clock forward to {@code epochMillis}; never back. */
    public void advanceTo(long epochMillis) {
        millis.accumulateAndGet(epochMillis, Math::max);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }
}
