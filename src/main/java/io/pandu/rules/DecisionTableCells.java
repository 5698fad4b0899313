package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Maps a position in the DRL Drools generates from a decision table back to the table's cell, so a
 * sales-ops author is told "row 11, column E" of the CSV (or sheet, row and column of a
 * spreadsheet) rather than a line of text they never wrote. The generated DRL marks each rule with
 * {@code // rule values at A11, header at A5}: the row comes from there, the column from which of
 * that row's cells produced the text in question.
 */
final class DecisionTableCells {
    private static final Pattern ROW_MARK =
            Pattern.compile("^\\s*// rule values at ([A-Z]+)(\\d+), header at ([A-Z]+)(\\d+)");

    /** Names Drools quotes in its messages: the token an author has to look for in the row. */
    private static final Pattern HINT =
            Pattern.compile("token \"([^\"]+)\"|'([\\w.$]+)'|\"([\\w.$]+)\"|(\\w+) cannot be");

    private final RuleSource source;
    private final String[] generatedLines;
    private final List<Sheet> sheets;

    /** A table cell, 1-based; {@code sheet} is null for a CSV file. */
    record CellRef(String sheet, int row, int column, String text) {
        String label() {
            return (sheet == null ? "" : "sheet \"" + sheet + "\", ")
                    + "row "
                    + row
                    + ", column "
                    + letters(column);
        }
    }

    private record Sheet(String name, List<List<String>> rows) {}

    private DecisionTableCells(RuleSource source, List<Sheet> sheets) {
        this.source = source;
        this.generatedLines = source.drl().split("\n", -1);
        this.sheets = sheets;
    }

    static DecisionTableCells of(RuleSource source) {
        String name = source.file().toLowerCase(Locale.ROOT);
        List<Sheet> sheets =
                name.endsWith(".csv") ? List.of(csv(source.content())) : workbook(source.content());
        return new DecisionTableCells(source, sheets);
    }

    /**
     * The same problem placed at the cell its generated line (1-based, 0 = unknown) and column come
     * from; unchanged when no rule of the table can be found there.
     */
    Diagnostic relocate(Diagnostic generated, int generatedLine, int generatedColumn) {
        CellRef cell = cellAt(generatedLine, generatedColumn, generated.message());
        if (cell == null) {
            return new Diagnostic(
                    generated.level(),
                    generated.file(),
                    0,
                    0,
                    generated.message()
                            + " (in the DRL generated from this decision table, line "
                            + generatedLine
                            + ")");
        }
        return new Diagnostic(
                generated.level(),
                source.file(),
                cell.row(),
                cell.column(),
                generated.message() + " (decision table " + cell.label() + ")");
    }

    /** The cell whose value produced the generated text at this line and column, if known. */
    CellRef cellAt(int generatedLine, int generatedColumn, String message) {
        int markLine = markAtOrBefore(generatedLine);
        if (markLine < 0) {
            return null;
        }
        Matcher mark = ROW_MARK.matcher(generatedLines[markLine]);
        if (!mark.find()) {
            return null;
        }
        int row = Integer.parseInt(mark.group(2));
        int headerRow = Integer.parseInt(mark.group(4));
        Sheet sheet = sheetWithRow(row, rowName(markLine));
        if (sheet == null) {
            return null;
        }
        List<String> cells = sheet.rows().get(row - 1);
        List<String> kinds =
                headerRow < sheet.rows().size() ? sheet.rows().get(headerRow) : List.of();
        String lineText =
                generatedLine >= 1 && generatedLine <= generatedLines.length
                        ? generatedLines[generatedLine - 1]
                        : "";
        int column = chooseColumn(cells, kinds, lineText, generatedColumn, message);
        String sheetName = sheets.size() == 1 && sheet.name() == null ? null : sheet.name();
        return new CellRef(
                sheetName, row, column, column <= cells.size() ? cells.get(column - 1) : "");
    }

    /** The row mark of the rule that holds this line: the nearest one at or above it. */
    private int markAtOrBefore(int generatedLine) {
        int from = Math.min(generatedLines.length, Math.max(1, generatedLine)) - 1;
        if (generatedLine <= 0) {
            return -1;
        }
        for (int i = from; i >= 0; i--) {
            if (ROW_MARK.matcher(generatedLines[i]).find()) {
                return i;
            }
        }
        return -1;
    }

    /** The rule name on the line after a row mark, to tell sheets of a workbook apart. */
    private String rowName(int markLine) {
        if (markLine + 1 < generatedLines.length) {
            Matcher m = Pattern.compile("rule \"([^\"]*)\"").matcher(generatedLines[markLine + 1]);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private Sheet sheetWithRow(int row, String ruleName) {
        Sheet fallback = null;
        for (Sheet sheet : sheets) {
            if (sheet.rows().size() < row) {
                continue;
            }
            if (fallback == null) {
                fallback = sheet;
            }
            if (ruleName != null
                    && sheet.rows().get(row - 1).stream().anyMatch(ruleName::endsWith)) {
                return sheet;
            }
        }
        return fallback;
    }

    /**
     * The column an author must fix: the cell under the reported position, else the cell holding
     * the token the message quotes, else the first condition or action cell of the row.
     */
    private static int chooseColumn(
            List<String> cells,
            List<String> kinds,
            String lineText,
            int generatedColumn,
            String message) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String kind = i < kinds.size() ? kinds.get(i).trim().toUpperCase(Locale.ROOT) : "";
            if (!cells.get(i).isBlank()
                    && (kind.startsWith("CONDITION") || kind.startsWith("ACTION"))) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return 1;
        }
        if (generatedColumn > 0 && generatedColumn <= lineText.length()) {
            String word = wordAt(lineText, generatedColumn - 1);
            Integer hit = cellContaining(cells, candidates, word);
            if (hit != null) {
                return hit + 1;
            }
        }
        Matcher hint = HINT.matcher(message == null ? "" : message);
        while (hint.find()) {
            for (int g = 1; g <= hint.groupCount(); g++) {
                Integer hit = cellContaining(cells, candidates, hint.group(g));
                if (hit != null) {
                    return hit + 1;
                }
            }
        }
        for (int i : candidates) {
            for (String part : cells.get(i).split(",")) {
                if (!part.isBlank() && lineText.contains(part.trim())) {
                    return i + 1;
                }
            }
        }
        return candidates.get(0) + 1;
    }

    private static Integer cellContaining(
            List<String> cells, List<Integer> candidates, String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        Pattern whole = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
        for (int i : candidates) {
            if (whole.matcher(cells.get(i)).find()) {
                return i;
            }
        }
        return null;
    }

    private static String wordAt(String line, int index) {
        int start = index;
        int end = index;
        while (start > 0 && isWord(line.charAt(start - 1))) {
            start--;
        }
        while (end < line.length() && isWord(line.charAt(end))) {
            end++;
        }
        return line.substring(start, end);
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** A, B, ... Z, AA: the column names a spreadsheet shows. */
    static String letters(int column) {
        StringBuilder sb = new StringBuilder();
        for (int c = column; c > 0; c = (c - 1) / 26) {
            sb.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sb.toString();
    }

    private static Sheet csv(byte[] content) {
        List<List<String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record :
                    CSVFormat.DEFAULT.parse(
                            new StringReader(new String(content, StandardCharsets.UTF_8)))) {
                rows.add(record.toList());
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable table was reported when it was loaded; no cell can be named
        }
        return new Sheet(null, rows);
    }

    private static List<Sheet> workbook(byte[] content) {
        List<Sheet> sheets = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (org.apache.poi.ss.usermodel.Sheet sheet : book) {
                List<List<String>> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    if (row != null) {
                        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                            Cell cell = row.getCell(c);
                            cells.add(cell == null ? "" : format.formatCellValue(cell));
                        }
                    }
                    rows.add(cells);
                }
                sheets.add(new Sheet(sheet.getSheetName(), rows));
            }
        } catch (IOException | RuntimeException e) {
            // as for CSV: the load already said the workbook cannot be read
        }
        return sheets;
    }
}
