package io.pandu.ingest;

/** Told how far a large import has got: e.g. ("deals", 4000, 8800). */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (what, done, total) -> {};

    void update(String what, int done, int total);
}
