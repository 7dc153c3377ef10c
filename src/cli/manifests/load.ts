/**
 * Manifests as kubectl's resource builder reads them (cli-runtime `pkg/resource/visitor.go`,
 * kubectl `pkg/validation`): a YAML stream split at `---` (YAML 1.1: `yes`/`on` are booleans), or
 * JSON; empty and `null` documents skipped; `kind: List` flattened into its items.
 *
 * Errors, each as kubectl prints it on its own:
 * - syntax: `error: error parsing x.yaml: error converting YAML to JSON: yaml: line 5: …` — the
 *   file's remaining documents are not read (objects before it are still returned);
 * - validation (`--validate`, on by default): `error: error validating "x.yaml": error validating
 *   data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation
 *   off with --validate=false` — also stops the file;
 * - metadata that does not decode (`labels: {on: yes}`): `error: unable to decode "x.yaml": json:
 *   cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string` — only that
 *   document is skipped. Type errors deeper in the object come from the server (strictDecoding.ts).
 */
import { parseAllDocuments } from 'yaml';
import { fieldTypeError } from '../../engine/api/unknownFields';
import { goYamlMessage } from './yamlErrors';

export interface ManifestSource {
  name: string;
  text: string;
}

/** A decoded manifest object: plain JSON, not yet checked against the server's kinds. */
export type ManifestObject = Record<string, unknown> & { apiVersion?: unknown; kind?: unknown; metadata?: any };

export interface LoadOptions {
  /** kubectl's --validate (default true); false skips the apiVersion/kind checks. */
  validate?: boolean;
}

export interface Loaded {
  objects: ManifestObject[];
  /** Messages as kubectl prints a lone error (`error: …`). */
  errors: string[];
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

export function loadManifests(source: ManifestSource, opts: LoadOptions = {}): Loaded {
  const out: Loaded = { objects: [], errors: [] };
  const text = source.text.replace(/^\uFEFF/, '');
  const docs = /^\s*[{[]/.test(text) ? jsonDocs(text, source.name) : yamlDocs(text, source.name);
  for (const doc of docs) {
    if ('error' in doc) {
      out.errors.push(`error: ${doc.error}`);
      return out;
    }
    const v = doc.value;
    if (v === null || v === undefined) continue;
    if (opts.validate !== false) {
      const problems = validationErrors(v);
      if (problems.length) {
        const agg = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
        out.errors.push(`error: error validating "${source.name}": error validating data: ${agg}; ${STOP_VALIDATE}`);
        return out;
      }
    }
    const obj = v as ManifestObject;
    const items = obj.kind === 'List' && Array.isArray(obj.items) ? (obj.items as ManifestObject[]) : [obj];
    for (const item of items) {
      const typeError = fieldTypeError('ConfigMap', { metadata: item.metadata });
      if (typeError) out.errors.push(`error: unable to decode "${source.name}": ${typeError}`);
      else out.objects.push(item);
    }
  }
  return out;
}

type Doc = { value: unknown } | { error: string };

function yamlDocs(text: string, name: string): Doc[] {
  const out: Doc[] = [];
  // Timestamps stay strings (no Date objects in the pure layers).
  const customTags = (tags: any[]) => tags.filter((t) => t.tag !== 'tag:yaml.org,2002:timestamp');
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true, customTags })) {
    if (doc.errors.length) {
      const start = doc.range[0];
      const sep = text.lastIndexOf('\n---', start) + 1;
      const docStartLine = sep > 0 || text.startsWith('---') ? text.slice(0, sep).split('\n').length : 0;
      out.push({ error: `error parsing ${name}: ${goYamlMessage(doc.errors[0], text, docStartLine)}` });
      return out;
    }
    out.push({ value: doc.toJS({ maxAliasCount: 100 }) });
  }
  return out;
}

function jsonDocs(text: string, name: string): Doc[] {
  try {
    return [{ value: JSON.parse(text) }];
  } catch (e) {
    // kubectl falls back to YAML for a single JSON document; report the JSON error when both fail.
    const yaml = yamlDocs(text, name);
    if (!yaml.some((d) => 'error' in d)) return yaml;
    const m = /position (\d+)/.exec(String((e as Error).message));
    const offset = m ? Number(m[1]) : text.length;
    const ch = text[offset];
    const why = ch === undefined ? 'unexpected end of JSON input' : `invalid character '${ch}' looking for beginning of value`;
    return [{ error: `error parsing ${name}: json: offset ${offset + 1}: ${why}` }];
  }
}

/** kubectl's getObjectKind checks (pkg/validation/validation.go), including a List's items. */
function validationErrors(v: unknown): string[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return ['invalid object to validate'];
  const o = v as Record<string, unknown>;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  if (!errs.length && o.kind === 'List' && Array.isArray(o.items)) for (const item of o.items) errs.push(...validationErrors(item));
  return errs;
}
