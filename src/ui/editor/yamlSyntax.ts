/**
 * YAML syntax errors of a buffer, with positions, found before anything is sent to the API. The
 * text is read as the engine reads it: the `yaml` package in YAML 1.1 mode, every error of every
 * document (js-yaml would stop at the first). Pure: no Monaco, no DOM.
 */
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';

/** A marker in editor terms (1-based lines and columns). The component hands these to Monaco. */
export interface EditorMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Syntax errors (and warnings such as unresolved tags) of every document in `text`. */
export function yamlSyntaxMarkers(text: string): EditorMarker[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { version: '1.1', lineCounter, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const found: EditorMarker[] = [];
  const add = (e: YAMLError, severity: EditorMarker['severity']) => {
    const from = lineCounter.linePos(e.pos[0]);
    const to = lineCounter.linePos(Math.max(e.pos[1], e.pos[0] + 1));
    const sameSpot = to.line === from.line && to.col <= from.col;
    found.push({
      startLineNumber: from.line,
      startColumn: from.col,
      endLineNumber: to.line,
      endColumn: sameSpot ? from.col + 1 : to.col,
      message: e.message,
      severity,
    });
  };
  for (const doc of docs) {
    for (const e of doc.errors) add(e, 'error');
    for (const w of doc.warnings) add(w, 'warning');
  }
  return found;
}

/** One line for the status bar: "2 YAML syntax errors (first at line 3, column 5)". */
export function describeSyntaxErrors(markers: EditorMarker[]): string {
  const errors = markers.filter((m) => m.severity === 'error');
  if (errors.length === 0) return '';
  const first = errors[0];
  const noun = errors.length === 1 ? 'YAML syntax error' : 'YAML syntax errors';
  return `error: ${errors.length} ${noun} (first at line ${first.startLineNumber}, column ${first.startColumn}: ${first.message})`;
}
