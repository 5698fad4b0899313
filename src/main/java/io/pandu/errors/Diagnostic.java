package io.pandu.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem found in a rule or playbook file, positioned for an editor. Lines and columns are
 * 1-based; 0 means "not known" (e.g. a whole-file problem).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnostic(Level level, String file, int line, int column, String message) {

    public enum Level {
        ERROR,
        WARNING;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Diagnostic error(String file, int line, int column, String message) {
        return new Diagnostic(Level.ERROR, file, line, column, message);
    }

    public static Diagnostic warning(String file, int line, int column, String message) {
        return new Diagnostic(Level.WARNING, file, line, column, message);
    }

    public boolean isError() {
        return level == Level.ERROR;
    }

    /** {@code file:line:col: error: message}, the format editors and CI logs understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + level.json() + ": " + message;
    }
}
