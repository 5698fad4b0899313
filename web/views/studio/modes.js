// The syntax modes of the code editor, as CodeMirror stream tokenizers: Drools rule language (DRL),
// YAML (playbooks and scenarios) and CSV (decision tables as text). They colour, they do not check:
// checking is the server's validate.
import { StreamLanguage } from '@codemirror/language';

const DRL_KEYWORDS = new Set(['package', 'import', 'global', 'function', 'query', 'declare', 'rule', 'when', 'then', 'end',
  'extends', 'salience', 'no-loop', 'lock-on-active', 'agenda-group', 'activation-group', 'ruleflow-group', 'dialect',
  'date-effective', 'date-expires', 'enabled', 'duration', 'timer', 'calendars', 'auto-focus', 'attributes']);
const DRL_CONDITIONS = new Set(['and', 'or', 'not', 'exists', 'forall', 'accumulate', 'collect', 'from', 'entry-point',
  'eval', 'over', 'window', 'matches', 'memberOf', 'contains', 'soundslike', 'in', 'init', 'action', 'reverse', 'result']);
const JAVA_KEYWORDS = new Set(['new', 'return', 'if', 'else', 'for', 'while', 'do', 'break', 'continue', 'this', 'instanceof',
  'modify', 'update', 'insert', 'insertLogical', 'delete', 'retract', 'final', 'var', 'switch', 'case', 'default']);
const ATOMS = new Set(['true', 'false', 'null']);

/** Drools rule language: keywords, @annotations, $bindings, strings, numbers, comments. */
const drl = {
  name: 'drl',
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo('*/')) {
        stream.next();
        stream.next();
        state.comment = false;
      } else {
        stream.skipToEnd();
      }
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//') || stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.comment = true;
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return 'string';
    if (stream.match(/^@[A-Za-z_][\w-]*/)) return 'meta';
    if (stream.match(/^\$[A-Za-z_]\w*/)) return 'variableName.special';
    if (stream.match(/^\d+(\.\d+)?[LlDdFfBb]?/)) return 'number';
    if (stream.match(/^[A-Za-z_][\w-]*/)) {
      const word = stream.current();
      if (DRL_KEYWORDS.has(word)) return 'keyword';
      if (DRL_CONDITIONS.has(word)) return 'operatorKeyword';
      if (JAVA_KEYWORDS.has(word)) return 'controlKeyword';
      if (ATOMS.has(word)) return 'atom';
      if (/^[A-Z]/.test(word)) return 'typeName';
      return 'variableName';
    }
    if (stream.match(/^(==|!=|>=|<=|&&|\|\||->|[<>=!+\-*/%:])/)) return 'operator';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

/** YAML as the playbooks and scenarios use it: keys, scalars, lists, comments, block scalars. */
const yaml = {
  name: 'yaml',
  startState: () => ({ block: -1 }),
  token(stream, state) {
    if (stream.sol()) {
      const indent = stream.indentation();
      if (state.block >= 0 && (indent > state.block || stream.match(/^\s*$/, false))) {
        stream.skipToEnd();
        return 'string';
      }
      state.block = -1;
    }
    if (stream.eatSpace()) return null;
    if (stream.match(/^#.*/)) return 'comment';
    if (stream.sol() && stream.match(/^(---|\.\.\.)\s*$/)) return 'meta';
    if (stream.match(/^-(?=\s|$)/)) return 'punctuation';
    if (stream.match(/^[^\s#:'"[\]{},][^#:]*?(?=\s*:(\s|$))/)) return 'propertyName.definition';
    if (stream.match(/^:(?=\s|$)/)) {
      const rest = stream.string.slice(stream.pos).trim();
      if (/^[>|][+-]?\d*\s*(#.*)?$/.test(rest)) state.block = stream.indentation();
      return 'punctuation';
    }
    if (stream.match(/^[>|][+-]?\d*(?=\s*(#|$))/)) return 'meta';
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
    if (stream.match(/^[[\]{},]/)) return 'punctuation';
    if (stream.match(/^[&*][\w-]+/)) return 'labelName';
    if (stream.match(/^-?\d+(\.\d+)?(?=\s*([,\]}#]|$))/)) return 'number';
    if (stream.match(/^(true|false|null|~)(?=\s*([,\]}#]|$))/)) return 'atom';
    if (stream.match(/^[^\s#,[\]{}]+/)) return 'string';
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
};

/** CSV: quoted cells as strings, the separators marked, so columns can be followed by eye. */
const csv = {
  name: 'csv',
  startState: () => ({ quoted: false }),
  token(stream, state) {
    if (state.quoted || stream.peek() === '"') {
      if (!state.quoted) stream.next();
      state.quoted = true;
      while (!stream.eol()) {
        const c = stream.next();
        if (c === '"') {
          if (stream.peek() === '"') {
            stream.next();
          } else {
            state.quoted = false;
            break;
          }
        }
      }
      return 'string';
    }
    if (stream.eat(',')) return 'separator';
    stream.match(/^[^,"]+/) || stream.next();
    return /^-?\d+(\.\d+)?$/.test(stream.current().trim()) ? 'number' : 'content';
  },
};

const LANGUAGES = { drl: StreamLanguage.define(drl), yaml: StreamLanguage.define(yaml), csv: StreamLanguage.define(csv) };

/** The CodeMirror language of a mode (see source-editor.js's modeOf), or null. */
export function languageOf(mode) {
  return LANGUAGES[mode] || null;
}
