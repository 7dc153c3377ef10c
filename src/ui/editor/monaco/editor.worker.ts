/** Monaco's own editor worker (diffing, word ranges, links), bundled locally. */
import 'monaco-editor/editor/editor.worker.js';
