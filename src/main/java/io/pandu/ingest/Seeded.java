package io.pandu.ingest;

/**
 * Deterministic "random" numbers for the demo enrichment: each value is a hash of the seed and a
 * key naming what it decides (e.g. {@code "competitor|7MKYTX69"}), so it depends on nothing but the
 * record it belongs to. Re-importing, reordering rows or adding records never changes the values of
 * the others, which a sequential random generator would.
 */
final class Seeded {
    private final long seed;

    Seeded(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** A number in [0, 1) for {@code key}. */
    double unit(String key) {
        return (bits(key) >>> 11) * 0x1.0p-53;
    }

    /** A whole number in [0, bound) for {@code key}. */
    int below(String key, int bound) {
        return (int) Math.floorMod(bits(key), (long) bound);
    }

    /** True with probability {@code p} for {@code key}. */
    boolean chance(String key, double p) {
        return unit(key) < p;
    }

    private long bits(String key) {
        long h = seed ^ 0xcbf29ce484222325L; // FNV-1a over the key's characters, then SplitMix64
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
