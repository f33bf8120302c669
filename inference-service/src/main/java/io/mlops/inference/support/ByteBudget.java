package io.mlops.inference.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that the items waiting in a queue hold, by their estimates, against a limit: an item
 * is admitted while the total stays within it, or when nothing else is held (so one item larger
 * than the whole budget still passes alone: the budget bounds the backlog, not a single item).
 */
public final class ByteBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public ByteBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} for an item; false, and nothing taken, when the budget is spent. */
    public boolean tryTake(long bytes) {
        long total = held.addAndGet(bytes);
        if (total > limit && total != bytes) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Gives back what items that left the queue (or never entered it) took. */
    public void giveBack(long bytes) {
        held.addAndGet(-bytes);
    }

    public long held() {
        return held.get();
    }
}
