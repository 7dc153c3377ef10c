/**
 * Loads Monaco for the YAML editor, once: the modular entry (the editor core plus the contributions
 * a YAML editor uses — no TypeScript/CSS/HTML/JSON language services, no other grammars), workers
 * bundled locally (no CDN), monaco-yaml with the generated Kubernetes schema, and the manifest
 * snippets. This module is only reached through a dynamic import, so all of it stays out of the
 * page's first load.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/documentSymbols/browser/documentSymbols.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/editor/contrib/fontZoom/browser/fontZoom.js';
import 'monaco-editor/editor/contrib/format/browser/formatActions.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/stickyScroll/browser/stickyScrollContribution.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import schema from '../schema/kubernetes.schema.json';
import { SNIPPETS } from '../snippets';
import { withLegacyCreateWebWorker } from './legacyWebWorker';
import { withSchemaProblemsAsErrors } from './schemaSeverity';

export { monaco };
export type Monaco = typeof monaco;

/** Where buffer models live: `inmemory://pilothouse/<id>.yaml`. The schema matches every `.yaml`. */
export function bufferUri(id: string): monaco.Uri {
  return monaco.Uri.parse(`inmemory://pilothouse/${encodeURIComponent(id)}.yaml`);
}

function createWorker(label: string): Worker {
  if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
  return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: label });
}

(globalThis as { MonacoEnvironment?: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => createWorker(label),
};

configureMonacoYaml(withSchemaProblemsAsErrors(withLegacyCreateWebWorker(monaco, createWorker)), {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: true },
  // Kubernetes reads YAML 1.1 (`yes` is a boolean), as the engine's parser does.
  yamlVersion: '1.1',
  schemas: [
    {
      uri: 'inmemory://pilothouse/schema/kubernetes.json',
      fileMatch: ['**/*.yaml'],
      schema: schema as unknown as JSONSchema,
    },
  ],
});

monaco.languages.registerCompletionItemProvider('yaml', {
  provideCompletionItems(model, position) {
    // Snippets make whole manifests: offer them at the start of a line outside any block.
    const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    if (!/^\w*$/.test(line)) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    return {
      suggestions: SNIPPETS.map((s) => ({
        label: { label: s.label, description: `${s.kind} manifest` },
        kind: monaco.languages.CompletionItemKind.Snippet,
        documentation: s.description,
        insertText: s.body,
        insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        range,
        sortText: `~${s.label}`,
      })),
    };
  },
});

/** Marker owners: the YAML syntax check and the API's answer to an apply. */
export const APPLY_MARKER_OWNER = 'pilothouse-apply';
