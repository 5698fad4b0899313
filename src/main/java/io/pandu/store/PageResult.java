package io.pandu.store;

import java.util.List;
import java.util.function.Function;

/** One page of a list and how many items the whole list has. */
public record PageResult<T>(List<T> items, long total, int offset, int limit) {

    public PageResult {
        items = List.copyOf(items);
    }

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), total, offset, limit);
    }
}
