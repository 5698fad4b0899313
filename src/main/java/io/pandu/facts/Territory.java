package io.pandu.facts;

import java.util.List;

/** A sales territory: the regions and industries it covers, and how many accounts it can carry. */
public record Territory(String id, String name, List<String> regions, List<String> industries, Integer capacity) {

    public Territory {
        regions = regions == null ? List.of() : List.copyOf(regions);
        industries = industries == null ? List.of() : List.copyOf(industries);
    }

    public boolean covers(String region) {
        return regions.contains(region);
    }
}
