// The console editor's libraries (CodeMirror 6, MIT), bundled at build time by esbuild from the
// npm packages in package-lock.json into console/vendor/codemirror.js: one ES module with no bare
// imports, served from the jar (no CDN). The console imports only what is exported here.

export { EditorState } from '@codemirror/state';
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
export { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
export {
  syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput, foldGutter, foldKeymap,
} from '@codemirror/language';
export { tags } from '@lezer/highlight';
export { json, jsonParseLinter } from '@codemirror/lang-json';
export { lintGutter, setDiagnostics } from '@codemirror/lint';
