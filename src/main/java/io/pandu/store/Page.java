package io.pandu.store;

import io.pandu.errors.InvalidInputException;

/** Which slice of a list to return: {@code offset} rows skipped, at most {@code limit} returned. */
public record Page(int offset, int limit) {
    public static final int MAX_LIMIT = 500;
    public static final Page FIRST = new Page(0, 50);

    public Page {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static Page of(Integer offset, Integer limit) {
        return new Page(offset == null ? 0 : offset, limit == null ? FIRST.limit() : limit);
    }
}
