// The definition editor: CodeMirror 6 (bundled from npm into vendor/codemirror.js by the build)
// with JSON syntax highlighting, line numbers, bracket matching, folding and undo history, and
// diagnostics marked inline (underlined ranges, gutter markers, the message on hover). Tab is not
// bound: it moves the focus on, so the editor never traps a keyboard user. Where the library
// cannot load, a plain textarea stands in with the same interface.

import { h } from './dom.js';
import { locate, lineColumnOffset } from './json-locate.js';

let library = null;

async function loadLibrary() {
  library ??= import('../vendor/codemirror.js');
  return library;
}

/**
 * An editor in {@code parent} holding {@code text}; {@code onChange()} is called on every edit.
 * Returns { text(), setText(text), showDiagnostics(apiDiagnostics), focus() }.
 */
export async function codeEditor(parent, { text = '', label, describedBy, onChange = () => {} }) {
  let cm;
  try {
    cm = await loadLibrary();
  } catch {
    return textareaEditor(parent, { text, label, describedBy, onChange });
  }
  const view = new cm.EditorView({
    parent,
    state: cm.EditorState.create({
      doc: text,
      extensions: [
        cm.lineNumbers(), cm.foldGutter(), cm.lintGutter(), cm.highlightActiveLine(), cm.highlightActiveLineGutter(),
        cm.drawSelection(), cm.history(), cm.indentOnInput(), cm.bracketMatching(),
        cm.syntaxHighlighting(jsonColours(cm)), cm.json(),
        cm.keymap.of([...cm.defaultKeymap, ...cm.historyKeymap, ...cm.foldKeymap]),
        cm.EditorState.tabSize.of(2),
        cm.EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
        cm.EditorView.updateListener.of((update) => { if (update.docChanged) onChange(); }),
      ],
    }),
  });
  parent.classList.add('code-editor');
  const syntaxLinter = cm.jsonParseLinter();
  return {
    text: () => view.state.doc.toString(),
    setText(value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    focus: () => view.focus(),
    /** Marks the API's diagnostics in the text; a JSON syntax error is marked where the parser stopped. */
    showDiagnostics(diagnostics) {
      const text = view.state.doc.toString();
      // The parser's error is a point; a character wide, it is underlined like the other findings.
      const syntax = syntaxLinter(view).map((d) => ({ ...d, to: Math.max(d.to, Math.min(d.from + 1, text.length)) }));
      const marks = syntax.length ? syntax : diagnostics.map((d) => toMark(text, d));
      view.dispatch(cm.setDiagnostics(view.state, marks));
    },
  };
}

/** JSON's tokens in colours that keep a 4.5:1 contrast on white: keys, strings, numbers, literals. */
function jsonColours(cm) {
  const { tags: t } = cm;
  return cm.HighlightStyle.define([
    { tag: t.propertyName, color: '#0550ae' },
    { tag: t.string, color: '#116329' },
    { tag: t.number, color: '#953800' },
    { tag: [t.bool, t.null], color: '#8250df' },
    { tag: t.invalid, color: '#cf222e', textDecoration: 'underline wavy' },
  ]);
}

/** An API diagnostic ({severity, code, location, message}) as a CodeMirror one, at its place in the text. */
function toMark(text, diagnostic) {
  const range = locate(text, diagnostic.location)
    ?? pointAt(lineColumnOffset(text, diagnostic.location) ?? lineColumnOffset(text, diagnostic.message), text)
    ?? { from: 0, to: Math.min(1, text.length) };
  return {
    from: range.from,
    to: range.to,
    severity: diagnostic.severity === 'ERROR' ? 'error' : 'warning',
    source: diagnostic.code,
    message: diagnostic.message,
  };
}

function pointAt(offset, text) {
  return offset === null ? null : { from: offset, to: Math.min(offset + 1, text.length) };
}

function textareaEditor(parent, { text, label, describedBy, onChange }) {
  const area = h('textarea', { class: 'code', rows: 24, spellcheck: 'false', 'aria-label': label, 'aria-describedby': describedBy }, text);
  area.addEventListener('input', onChange);
  parent.replaceChildren(area, h('p', { class: 'hint' },
    'The editor library (vendor/codemirror.js) did not load: a plain text box stands in. Build the console with ./mvnw package after npm ci.'));
  return {
    text: () => area.value,
    setText(value) { area.value = value; },
    focus: () => area.focus(),
    showDiagnostics() {},
  };
}
