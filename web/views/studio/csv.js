// CSV as decision tables are written (RFC 4180): cells separated by commas, a cell with a comma, a
// quote, a line break or space at either end in double quotes, a quote in a quoted cell doubled.
// parseCsv and writeCsv round-trip a file byte for byte, line ending and trailing newline included,
// so saving a grid that was not edited changes nothing: a cell whose value is unchanged is written as
// it was read (a file may quote where it need not, or hold a quote in an unquoted cell).

/**
 * @returns { rows: string[][] (each row as long as it was written), raw: the cells as written, newline: '\n' or
 *   '\r\n', trailingNewline }
 */
export function parseCsv(text) {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const rows = [];
  const raw = [];
  let row = [];
  let rawRow = [];
  let cell = '';
  let start = 0;
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    rawRow.push(text.slice(start, i));
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    raw.push(rawRow);
    row = [];
    rawRow = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
      i += 1;
    } else if (c === '"' && i === start) {
      quoted = true; // a quote opens only at the start of a cell; inside one it is a character
      i += 1;
    } else if (c === ',') {
      endCell();
      i += 1;
      start = i;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
      start = i;
    } else if (c === '\n') {
      endRow();
      i += 1;
      start = i;
    } else {
      cell += c;
      i += 1;
    }
  }
  const trailingNewline = text.endsWith('\n');
  if (!trailingNewline && (cell !== '' || row.length || text.length)) endRow();
  return { rows, raw, newline, trailingNewline };
}

/** One cell as written: quoted when it must be. */
export function csvCell(value) {
  const text = value == null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The value of a cell as written: unquoted, doubled quotes single. */
function valueOf(written) {
  return /^".*"$/s.test(written) ? written.slice(1, -1).replace(/""/g, '"') : written;
}

/**
 * Rows back to CSV text, in the newline given, ending with one when the file did; `raw` (parallel to
 * `rows`, as parseCsv gives it) keeps the writing of each cell whose value it still holds.
 */
export function writeCsv(rows, { newline = '\n', trailingNewline = true, raw = [] } = {}) {
  const cell = (value, written) => (written !== undefined && valueOf(written) === value ? written : csvCell(value));
  const text = rows.map((r, i) => r.map((v, j) => cell(v, (raw[i] || [])[j])).join(',')).join(newline);
  return trailingNewline && rows.length ? text + newline : text;
}
