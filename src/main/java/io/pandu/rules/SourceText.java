package io.pandu.rules;

/** Offsets to line/column, and views of source code with comments and string literals blanked. */
final class SourceText {
    private SourceText() {}

    static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int column(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        return offset - lineStart + 1;
    }

    /**
     * Replaces comments and string literals with spaces, keeping every offset (and line break).
     * Strings may span lines, as the DRL lexer and MVEL allow. With {@code javaTextBlocks}, three
     * quotes open a text block that runs to the next three, as Java reads them; the two readings
     * pair quotes differently, so a check that must not miss code runs on both.
     */
    static String blankCommentsAndStrings(String text, boolean javaTextBlocks) {
        char[] out = text.toCharArray();
        int i = 0;
        while (i < out.length) {
            char c = out[i];
            if (c == '/' && i + 1 < out.length && out[i + 1] == '/') {
                while (i < out.length && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < out.length && out[i + 1] == '*') {
                i = blankUntil(out, i, 2, "*/");
            } else if (javaTextBlocks && text.startsWith("\"\"\"", i)) {
                i = blankUntil(out, i, 3, "\"\"\"");
            } else if (c == '"' || c == '\'') {
                i = blankUntil(out, i, 1, String.valueOf(c));
            } else {
                i++;
            }
        }
        return new String(out);
    }

    /** DRL as Drools' own lexer reads it. */
    static String blankCommentsAndStrings(String text) {
        return blankCommentsAndStrings(text, false);
    }

    /**
     * Blanks from an opening delimiter of {@code openLength} characters through the closing one
     * (backslash escapes skipped, line breaks kept) and returns the offset after it.
     */
    private static int blankUntil(char[] out, int start, int openLength, String close) {
        int i = start;
        for (int k = 0; k < openLength && i < out.length; k++) {
            out[i++] = ' ';
        }
        while (i < out.length && !closesAt(out, i, close)) {
            if (out[i] == '\\' && i + 1 < out.length && !close.equals("*/")) {
                blank(out, i++);
            }
            blank(out, i++);
        }
        for (int k = 0; k < close.length() && i < out.length; k++) {
            out[i++] = ' ';
        }
        return i;
    }

    private static boolean closesAt(char[] out, int i, String close) {
        if (i + close.length() > out.length) {
            return false;
        }
        for (int k = 0; k < close.length(); k++) {
            if (out[i + k] != close.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static void blank(char[] out, int i) {
        if (i < out.length && out[i] != '\n') {
            out[i] = ' ';
        }
    }
}
