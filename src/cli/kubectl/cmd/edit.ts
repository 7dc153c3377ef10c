/**
 * `kubectl edit (TYPE/NAME | TYPE NAME… | -f FILE) [-o yaml|json] [--save-config] [--output-patch]`,
 * as pkg/cmd/util/editor/editoptions.go does it: the live objects (a `List` when several) go to a
 * temp file under kubectl's header comment; the editor runs; unchanged content is "Edit cancelled,
 * no changes made."; otherwise each object is patched from the object as fetched to the object as
 * edited (editFile.ts), printed `edited`. An Invalid error re-opens the file with the causes in
 * the header; saving it again unchanged gives up and says where the copy is.
 *
 * The editor is `$KUBE_EDITOR`, then `$EDITOR`, run through the command language on the file
 * (`KUBE_EDITOR="sed -i 's/…/…/'"`). With neither, the page opens the text in an editor tab
 * (a `call` effect named `editor.open`, answered with the saved text, or null when the tab is closed);
 * headless the fallback is `vi`, which the sandbox does not have.
 */
import { isApiError, type ApiError } from '../../../engine/api/errors';
import { kindPrefix } from '../../../engine/api/resources';
import type { ShellEffect } from '../../../engine/shell/types';
import type { KubeObject } from '../../../engine/objects';
import { deepEqual } from '../../../engine/util/clone';
import { lastAppliedConfiguration, LAST_APPLIED } from '../../manifests/apply';
import { selectObjects, type Found } from '../builder';
import type { CommandEnv, KubectlCommand } from '../command';
import { objectsFromFiles } from '../manifestFiles';
import { printObject } from './printObject';
import { toJson, toYaml } from '../printers/serialize';
import { withoutManagedFields } from '../printers/output';
import { editHeaderText, editPatch, hasLines, manualStrip, parseEdited, patchChangesIdentity, stripComments, type EditReason } from './editFile';
import { NO_RESOURCES } from './patch';

/** The call a command yields for the page to edit a text: answered with the text saved, null when cancelled. */
export const EDITOR_OPEN = 'editor.open';
export interface EditorOpenPayload {
  title: string;
  text: string;
  /** `yaml` or `json`. */
  language: string;
}

type Gen<T> = Generator<ShellEffect, T, unknown>;

/** An error that ends the edit after saying where the edited file was kept (preservedFile). */
class PreservedError extends Error {}

export const edit: KubectlCommand = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml).' },
    { name: 'output-patch', type: 'bool', usage: 'Output the patch if the resource is edited.' },
    { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit', usage: 'Name of the manager used to track field ownership.' },
    { name: 'windows-line-endings', type: 'bool', usage: 'Defaults to the line ending native to your platform.' },
  ],
  *run(flags, env) {
    const output = flags.string('output');
    // The result printer takes -o too (`edited` by name, or the patched object).
    if (!['', 'yaml', 'json'].includes(output)) throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
    const format = output === 'json' ? 'json' : 'yaml';
    let found: Found[];
    let errors: unknown[];
    if (flags.strings('filename').length > 0) ({ found, errors } = objectsFromFiles(env, flags.strings('filename'), flags.bool('recursive')));
    else {
      if (flags.args.length === 0) throw new Error(NO_RESOURCES);
      ({ found, errors } = selectObjects(env, flags.args, { all: true }));
    }
    if (errors.length) throw errors[0];
    if (found.length === 0) throw new Error('edit cancelled, no objects found');
    const session = new EditSession(env, found, format, {
      outputPatch: flags.bool('output-patch'),
      saveConfig: flags.bool('save-config'),
      output,
      fieldManager: flags.string('field-manager'),
    });
    return yield* session.run();
  },
};

interface EditOptions {
  outputPatch: boolean;
  saveConfig: boolean;
  fieldManager: string;
  output: string;
}

interface Results {
  reasons: EditReason[];
  invalid: number;
  notFound: number;
  retryable: number;
}

class EditSession {
  private launches = 0;

  constructor(
    private readonly env: CommandEnv,
    private readonly found: Found[],
    private readonly format: 'yaml' | 'json',
    private readonly opts: EditOptions,
  ) {}

  *run(): Gen<number> {
    const { env } = this;
    let results: Results = { reasons: [], invalid: 0, notFound: 0, retryable: 0 };
    let containsError = false;
    let original = '';
    let edited = '';
    let file = '';
    let previousFile = '';
    try {
      for (;;) {
        let buf = editHeaderText(results.reasons);
        if (!containsError) {
          buf += this.printed();
          original = buf;
        } else buf += manualStrip(edited);
        const editedBefore = edited;
        const launched = yield* this.launch(buf, previousFile);
        if (launched === null) {
          env.err('Edit cancelled, no changes made.\n');
          return 0;
        }
        ({ text: edited, file } = launched);
        if (containsError && stripComments(editedBefore) === stripComments(edited)) throw new PreservedError('Edit cancelled, no valid changes were saved.');
        if (previousFile) env.host.fs.remove?.(previousFile);
        previousFile = file;
        // Client-side validation of the text without comments: YAML that does not parse.
        const invalid = parseEdited(manualStrip(edited));
        if ('error' in invalid) {
          const f = this.found[0];
          const what = `${f.resource} "${f.object.metadata.name}"`;
          results = { reasons: [{ head: `${what} was not valid`, other: [`<nil>: Invalid value: "The edited file failed validation": ${invalid.error.replace(/^error converting YAML to JSON: /, '')}`] }], invalid: 0, notFound: 0, retryable: 0 };
          containsError = true;
          env.err(`error: ${what} is invalid\n`);
          continue;
        }
        if (stripComments(original) === stripComments(edited)) {
          env.host.fs.remove?.(file);
          env.err('Edit cancelled, no changes made.\n');
          return 0;
        }
        if (!hasLines(edited)) {
          env.host.fs.remove?.(file);
          env.err('Edit cancelled, saved file was empty.\n');
          return 0;
        }
        results = { reasons: [], invalid: 0, notFound: 0, retryable: 0 };
        const parsed = parseEdited(edited);
        if ('error' in parsed) {
          containsError = true;
          results.reasons.push({ head: `The edited file had a syntax error: ${parsed.error}`, other: [] });
          continue;
        }
        containsError = false;
        this.patchAll(parsed.objects, results);
        if (results.retryable > 0) {
          env.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
          return 1;
        }
        if (results.notFound > 0) {
          env.err(`The edits you made on deleted resources have been saved to "${file}"\n`);
          return 1;
        }
        if (results.invalid === 0) {
          env.host.fs.remove?.(file);
          return 0;
        }
        containsError = results.reasons.length > 0;
      }
    } catch (e) {
      if (file && env.host.fs.read(file) !== undefined) env.err(`A copy of your changes has been stored to "${file}"\n`);
      throw e;
    }
  }

  /** The objects as the editor shows them: without managedFields, one object or a List. */
  private printed(): string {
    const objects = this.found.map((f) => withoutManagedFields(f.object));
    const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', items: objects, kind: 'List', metadata: {} };
    return this.format === 'json' ? toJson(value) : toYaml(value);
  }

  /**
   * Writes the temp file and lets the editor change it; returns the text saved (null: the page's
   * tab was closed). kubectl names it `kubectl-edit-<random>.yaml`; here the number comes from
   * virtual time, which is as good and stays deterministic.
   */
  private *launch(text: string, previousFile: string): Gen<{ text: string; file: string } | null> {
    const { env } = this;
    const file = `/tmp/kubectl-edit-${String(env.now() * 10 + this.launches++).slice(-10)}.${this.format}`;
    if (file === previousFile) throw new Error('temp file clash');
    env.host.fs.write(file, text, false);
    const editor = env.vars?.get('KUBE_EDITOR') || env.vars?.get('EDITOR') || '';
    if (!editor && env.host.interactive) {
      const title = this.found.length === 1 ? `${this.found[0].object.kind.toLowerCase()}/${this.found[0].object.metadata.name}` : 'kubectl edit';
      const payload: EditorOpenPayload = { title, text, language: this.format };
      const answer = yield { type: 'call', name: EDITOR_OPEN, payload };
      if (answer === null) {
        env.host.fs.remove?.(file);
        return null;
      }
      if (typeof answer === 'string') {
        env.host.fs.write(file, answer, false);
        return { text: answer, file };
      }
    }
    yield* this.runEditor(editor || 'vi', file);
    return { text: env.host.fs.read(file) ?? '', file };
  }

  /** editor.Launch: `unable to launch` when the editor cannot start, `there was a problem` when it fails. */
  private *runEditor(editor: string, file: string): Gen<void> {
    const { env } = this;
    const simple = !/\s/.test(editor.trim());
    if (!env.host.runShell) throw new Error(`unable to launch the editor "${editor}"`);
    // A missing single-word editor is kubectl's own error (it execs the editor), not a shell's.
    const held: ShellEffect[] = [];
    const gen = env.host.runShell(`${editor} ${quote(file)}`, env.vars ?? new Map());
    let step = gen.next();
    while (!step.done) {
      if (step.value.type === 'stderr') held.push(step.value);
      else {
        yield* held.splice(0);
        step = gen.next(yield step.value);
        continue;
      }
      step = gen.next();
    }
    if (step.value === 127 && simple) throw new Error(`unable to launch the editor "${editor}"`);
    yield* held;
    if (step.value !== 0) throw new Error(`there was a problem with the editor "${editor}"`);
  }

  /** visitToPatch for every edited object, matched to the original by uid. */
  private patchAll(objects: Record<string, unknown>[], results: Results): void {
    const { env } = this;
    const namespace = env.namespace;
    for (const obj of objects) {
      const meta = (obj.metadata ?? {}) as Record<string, unknown>;
      const ns = meta.namespace as string | undefined;
      if (ns && namespace && ns !== namespace && this.found.some((f) => f.type.namespaced)) {
        throw new PreservedError(`the namespace from the provided object "${ns}" does not match the namespace "${namespace}". You must pass '--namespace=${ns}' to perform this operation.`);
      }
    }
    for (const obj of objects) {
      const meta = (obj.metadata ?? {}) as Record<string, unknown>;
      const f = this.found.find((x) => x.object.metadata.uid === meta.uid);
      if (!f) throw new PreservedError(`no original object found for ${JSON.stringify(obj)}`);
      if (this.opts.saveConfig) {
        // kubectl puts managedFields back before it records the annotation, so they are in it.
        const recorded = { ...obj, metadata: { ...meta, managedFields: f.object.metadata.managedFields } } as unknown as KubeObject;
        meta.annotations = { ...((meta.annotations as Record<string, string>) ?? {}), [LAST_APPLIED]: lastAppliedConfiguration(recorded) };
        obj.metadata = meta;
      }
      const name = `${kindPrefix(f.type)}/${f.object.metadata.name}`;
      // As printed to the editor: no managedFields, no keys without a value.
      const originalObj = JSON.parse(JSON.stringify(withoutManagedFields(f.object))) as unknown;
      if (deepEqual(originalObj, obj)) {
        env.out(`${name} skipped\n`);
        continue;
      }
      const { type, patch } = editPatch(f.type.kind, originalObj, obj);
      if (patchChangesIdentity(patch)) throw new PreservedError('At least one of apiVersion, kind and name was changed');
      if (this.opts.outputPatch) env.out(`Patch: ${JSON.stringify(patch)}\n`);
      let patched: KubeObject;
      try {
        patched = env.api.patch(f.resource, f.object.metadata.namespace, f.object.metadata.name, type, patch, { fieldManager: this.opts.fieldManager });
      } catch (e) {
        if (!isApiError(e)) throw e;
        env.err(addError(e, f, results) + '\n');
        continue;
      }
      const o = this.opts.output;
      env.out(o ? printObject(env, patched, o) : `${name} edited\n`);
    }
  }
}

/** editResults.addError: Invalid is re-opened with its causes; NotFound and the rest end the edit. */
function addError(e: ApiError, f: Found, results: Results): string {
  const what = `${f.resource} "${f.object.metadata.name}"`;
  if (e.reason === 'Invalid') {
    results.invalid++;
    results.reasons.push({ head: `${what} was not valid`, other: (e.details.causes ?? []).map((c) => `${c.field}: ${c.message}`) });
    return `error: ${what} is invalid`;
  }
  if (e.reason === 'NotFound') {
    results.notFound++;
    return `error: ${what} could not be found on the server`;
  }
  results.retryable++;
  return `error: ${what} could not be patched: ${e.message}`;
}

function quote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
