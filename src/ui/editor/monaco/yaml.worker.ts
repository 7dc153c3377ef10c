/**
 * The YAML language worker (yaml-language-server inside monaco-yaml), bundled locally. Its import of
 * `monaco-editor/esm/vs/editor/editor.worker.js` (a path Monaco 0.56 moved) resolves through the
 * build alias described in ../README.md.
 */
import 'monaco-yaml/yaml.worker.js';
