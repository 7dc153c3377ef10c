/**
 * yaml-language-server reports some schema problems (a wrong type: `replicas: three`) as warnings.
 * The apiserver rejects every one of them, so the editor shows them as errors: this wraps the
 * monaco namespace given to monaco-yaml so that the markers it sets are raised to errors. Markers
 * set by anyone else are untouched.
 */

/** Monaco's MarkerSeverity values (kept here so this module needs no Monaco). */
const WARNING = 4;
const ERROR = 8;

interface MarkerLike {
  severity: number;
}

interface MonacoLike {
  editor: { setModelMarkers(model: any, owner: string, markers: any[]): void };
}

export function withSchemaProblemsAsErrors<M extends MonacoLike>(monaco: M): M {
  const original = monaco.editor.setModelMarkers.bind(monaco.editor);
  const editor = Object.create(monaco.editor) as M['editor'];
  editor.setModelMarkers = (model: unknown, owner: string, markers: MarkerLike[]) =>
    original(model, owner, markers.map((m) => (m.severity === WARNING ? { ...m, severity: ERROR } : m)));
  const wrapped = Object.create(monaco) as M;
  Object.defineProperty(wrapped, 'editor', { value: editor, enumerable: true });
  return wrapped;
}
