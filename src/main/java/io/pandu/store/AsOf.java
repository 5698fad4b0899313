package io.pandu.store;

import java.time.LocalDate;

/**
 * The store's as-of date and where it comes from: {@value #CONFIG} (PANDU_AS_OF, serve --as-of),
 * {@value #IMPORT} (the latest import that moved it) or {@value #CLOCK} (nothing set: today).
 */
public record AsOf(LocalDate date, String source) {
    public static final String CONFIG = "config";
    public static final String IMPORT = "import";
    public static final String CLOCK = "clock";
}
