package io.pandu.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The last few values computed, by key, least recently used dropped first. Keys carry everything
 * the value depends on (e.g. the state of the store and the rule-set version), so a stale value is
 * never found, only left to age out. Two callers missing the same key at once may both compute it;
 * the values are equal, the second one stays.
 */
public final class RecentCache<K, V> {
    private final Map<K, V> values;

    public RecentCache(int capacity) {
        this.values =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The value for {@code key}, computed (outside the lock) when it is not kept. */
    public V get(K key, Function<K, V> compute) {
        synchronized (values) {
            V kept = values.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V value = compute.apply(key);
        synchronized (values) {
            values.put(key, value);
        }
        return value;
    }

    /** How many values are kept. */
    public int size() {
        synchronized (values) {
            return values.size();
        }
    }
}
