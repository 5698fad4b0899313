package io.pandu.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the demo's synthetic enrichment added to a data set, for the import report: the label (so
 * nobody mistakes it for the published data), the seed, what it never touches, and how many records
 * or fields of each kind it synthesised (see {@link DemoEnrichment} for how).
 *
 * @param label always {@link #LABEL}
 * @param seed the seed every synthesised value derives from; the same input and seed give the same
 *     enrichment
 * @param note one sentence on what was synthesised and what was kept as published
 * @param added per kind (quotas, hire dates, activities, competitors, ...) how many were added
 */
public record SyntheticEnrichment(
        String label, long seed, String note, Map<String, Integer> added) {
    public static final String LABEL = "synthetic enrichment";

    public SyntheticEnrichment {
        added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
    }
}
