package io.credmark.usage;

import io.credmark.store.StoreException;
import io.credmark.store.UsageRepository.Increment;
import io.credmark.store.UsageRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts usage events in memory and adds them to the store in batches, so that the hot paths (stamp, verify, page
 * views) pay one map increment. What is counted since the last flush is lost if the node dies; a failed flush keeps
 * its counts for the next one.
 */
public final class UsageCounter {

    private static final Logger LOG = LoggerFactory.getLogger(UsageCounter.class);
    /** A host name as DNS allows it; anything longer is not one. */
    static final int MAX_DETAIL = 253;

    private final UsageRepository store;
    private final Clock clock;
    private final boolean enabled;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private ConcurrentHashMap<Increment, LongAdder> pending = new ConcurrentHashMap<>();

    public UsageCounter(UsageRepository store, Clock clock, boolean enabled) {
        this.store = store;
        this.clock = clock;
        this.enabled = enabled;
    }

    public void count(long credentialId, UsageEvent event) {
        count(credentialId, event, "");
    }

    public void count(long credentialId, UsageEvent event, String detail) {
        if (!enabled) {
            return;
        }
        String d = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        Increment key = new Increment(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), credentialId,
                event.wireName(), d);
        lock.readLock().lock();
        try {
            pending.computeIfAbsent(key, k -> new LongAdder()).increment();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds what was counted to the store. The map is swapped under the write lock, so no increment is still being
     * made on the batch taken; those that come meanwhile go to the next batch.
     */
    public synchronized void flush() {
        ConcurrentHashMap<Increment, LongAdder> batch;
        lock.writeLock().lock();
        try {
            batch = pending;
            if (batch.isEmpty()) {
                return;
            }
            pending = new ConcurrentHashMap<>();
        } finally {
            lock.writeLock().unlock();
        }
        Map<Increment, Long> counts = new HashMap<>();
        batch.forEach((k, v) -> counts.put(k, v.sum()));
        try {
            store.add(counts);
        } catch (StoreException e) {
            LOG.warn("usage figures not saved, kept for the next flush: {}", e.getMessage());
            lock.readLock().lock();
            try {
                counts.forEach((k, n) -> pending.computeIfAbsent(k, x -> new LongAdder()).add(n));
            } finally {
                lock.readLock().unlock();
            }
        }
    }
}
