// CSV as decision tables are written (RFC 4180): cells separated by commas, a cell with a comma, a
// quote, a line break or space at either end in double quotes, a quote in a quoted cell doubled.
// parseCsv and writeCsv round-trip a file byte for byte, line ending and trailing newline included,
// so saving a grid that was not edited changes nothing.

/**
 * @returns { rows: string[][] (each row as long as it was written), newline: '\n' or '\r\n', trailingNewline }
 */
export function parseCsv(text) {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
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
    } else if (c === '"') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (c === '\n') {
      endRow();
      i += 1;
    } else {
      cell += c;
      i += 1;
    }
  }
  const trailingNewline = text.endsWith('\n');
  if (!trailingNewline && (cell !== '' || row.length || text.length)) endRow();
  return { rows, newline, trailingNewline };
}

/** One cell as written: quoted when it must be. */
export function csvCell(value) {
  const text = value == null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows back to CSV text, in the newline given, ending with one when the file did. */
export function writeCsv(rows, { newline = '\n', trailingNewline = true } = {}) {
  const text = rows.map((r) => r.map(csvCell).join(',')).join(newline);
  return trailingNewline && rows.length ? text + newline : text;
}
