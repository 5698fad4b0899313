package io.pandu.coaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of alerts, how many match in all, and the cursor of the next page ({@code nextCursor},
 * absent on the last page).
 */
public record AlertPage(
        List<Alert> items,
        long total,
        int offset,
        int limit,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
    public AlertPage {
        items = List.copyOf(items);
    }
}
