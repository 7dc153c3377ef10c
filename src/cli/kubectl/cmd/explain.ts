/**
 * `kubectl explain TYPE[.field.path]`: kubectl 1.34's OpenAPI v3 explain with its plaintext
 * template (pkg/explain/v2/templates/plaintext.tmpl), rendered over the schemas `pilothouse serve`
 * publishes (engine/api/schema/openapi.ts), so ours prints what the real kubectl prints there.
 * Template semantics kept: the header is written before a missing field's error, the error names
 * the path's last element, descriptions of a field and of its type are both printed, and
 * descriptions wrap with go-wordwrap (`wordWrap`).
 */
import { RESOURCE_TYPES, type ResourceType } from '../../../engine/api/resources';
import { buildSchemas } from '../../../engine/api/schema/openapi';
import type { KubectlCommand } from '../command';
import { resolveResource, UnknownResourceError } from '../resolve';

type Schema = Record<string, unknown> & {
  $ref?: string;
  description?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema;
  allOf?: Schema[];
  required?: string[];
};

const REF_PREFIX = '#/components/schemas/';

class ExplainError extends Error {}

function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r' || ch === '\u0085' || ch === '\u00a0';
}

/** github.com/mitchellh/go-wordwrap WrapString (v1.0.1), lengths in bytes as Go counts them. */
export function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word === '') {
        if (current + byteLength(space) <= lim) buf += space;
        space = '';
      } else {
        buf += space + word;
        space = '';
        word = '';
      }
      buf += ch;
      current = 0;
    } else if (isSpace(ch)) {
      if (space === '' || word !== '') {
        current += byteLength(space) + byteLength(word);
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + byteLength(space) + byteLength(word) > lim && byteLength(word) < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word === '') {
    if (current + byteLength(space) <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', '\n' + pad);
}

class Renderer {
  constructor(
    private readonly schemas: Record<string, Schema>,
    private readonly recursive: boolean,
  ) {}

  resolveRef(ref: string | undefined): Schema | undefined {
    if (!ref || !ref.startsWith(REF_PREFIX)) return undefined;
    return this.schemas[ref.slice(REF_PREFIX.length)];
  }

  typeGuess(s: Schema): string {
    if (s.items) return `[]${this.typeGuess(s.items)}`;
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${this.typeGuess(s.additionalProperties)}`;
    if (s.allOf && !s.properties && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (s.$ref) {
      const target = this.resolveRef(s.$ref);
      if (!target || !target.type || target.type === 'object') return s.$ref.split('/').pop()!.split('.').pop() || 'Object';
      return target.type || 'Object';
    }
    return s.type === 'object' ? 'Object' : s.type || 'Object';
  }

  description(s: Schema): string {
    const r = this.resolveRef(s.$ref) ?? s;
    let out = r.description ? `${r.description}\n` : '';
    for (const a of r.allOf ?? []) out += this.description(a);
    if (r.items) out += this.description(r.items);
    if (r.additionalProperties && typeof r.additionalProperties === 'object') out += this.description(r.additionalProperties);
    return out;
  }

  output(schema: Schema, path: string[], history: Set<string>): string {
    const ref = schema.$ref ?? '';
    const next = new Set(history).add(ref);
    const resolved = this.resolveRef(ref) ?? schema;
    if (path.length === 0) {
      let out = 'DESCRIPTION:\n' + indent(4, wordWrap(this.description(resolved) || '<empty>', 76)) + '\n';
      const fields = this.fieldList(resolved, 1, new Set());
      if (fields) out += 'FIELDS:\n' + fields;
      return out;
    }
    if (ref && history.has(ref)) return '';
    const prop = resolved.properties?.[path[0]];
    if (prop) {
      let out = '';
      if (path.length === 1) out += `FIELD: ${path[0]} <${this.typeGuess(prop)}>\n\n\n`;
      return out + this.output(prop, path.slice(1), new Set());
    }
    if (resolved.items) return this.output(resolved.items, path, next);
    if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') return this.output(resolved.additionalProperties, path, next);
    for (const alt of resolved.allOf ?? []) {
      const out = this.output(alt, path, next);
      if (out) return out;
    }
    return '';
  }

  fieldList(schema: Schema, level: number, history: Set<string>): string {
    const ref = schema.$ref ?? '';
    if (ref && history.has(ref)) return '';
    const next = new Set(history).add(ref);
    const resolved = this.resolveRef(ref) ?? schema;
    let out = '';
    for (const name of Object.keys(resolved.properties ?? {}).sort()) {
      const v = resolved.properties![name];
      out += this.fieldDetail(resolved, name, level);
      if (this.recursive) out += this.fieldList(v, level + 1, next);
    }
    for (const a of resolved.allOf ?? []) out += this.fieldList(a, level, next);
    if (resolved.items) out += this.fieldList(resolved.items, level, next);
    if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  fieldDetail(schema: Schema, name: string, level: number): string {
    const amount = level * 2;
    const field = schema.properties![name];
    let out = `${indent(amount, name)}\t<${this.typeGuess(field)}>`;
    if (schema.required?.includes(name)) out += ' -required-';
    out += '\n';
    if (!this.recursive) out += indent(amount + 2, wordWrap(field.description || '<no description>', 78 - amount)) + '\n\n';
    return out;
  }
}

/** `explain` as the plaintext template renders it: what goes to stdout, and the error if any. */
export function explain(resource: ResourceType, group: string, version: string, path: string[], recursive: boolean): { out: string; error?: string } {
  const gvr = `${group}/${version}, Resource=${resource.plural}`;
  const served = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (served.length === 0) return { out: '', error: `error: couldn't find resource for "${gvr}"` };
  const type = served.find((t) => t.plural === resource.plural);
  if (!type) return { out: '', error: `error: GVR (${gvr}) not found in OpenAPI schema` };
  const schemas = buildSchemas(served, (n) => REF_PREFIX + n) as Record<string, Schema>;
  const out = `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${type.kind}\nVERSION:    ${version}\n\n`;
  const gvk = { group, version, kind: type.kind };
  const name = Object.keys(schemas)
    .sort()
    .find((n) => ((schemas[n]['x-kubernetes-group-version-kind'] as (typeof gvk)[] | undefined) ?? []).some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind));
  if (!name) return { out, error: `error: GVK map[group:${group} kind:${type.kind} version:${version}] not found in OpenAPI schema` };
  const body = new Renderer(schemas, recursive).output(schemas[name], path, new Set());
  if (!body) return { out, error: `error: field "${path[path.length - 1]}" does not exist` };
  return { out: out + body + '\n' };
}

export const explainCommand: KubectlCommand = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [
    { name: 'recursive', short: 'R', type: 'bool', usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
    { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
  ],
  *run(flags, env) {
    const args = flags.args;
    if (args.length === 0) {
      env.err('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
      return 1;
    }
    if (args.length > 1) {
      env.err('error: We accept only this format: explain RESOURCE\n');
      return 1;
    }
    const format = flags.string('output');
    const input = args[0].replace(/\.$/, '');
    const segments = input.split('.');
    let type: ResourceType;
    try {
      type = resolveResource(segments[0]);
    } catch (e) {
      if (!(e instanceof UnknownResourceError)) throw e;
      env.err(`the server doesn't have a resource type "${segments[0]}"\n`);
      return 1;
    }
    let path = segments.slice(1);
    let { group, version } = type;
    const apiVersion = flags.string('api-version');
    if (apiVersion) {
      const parts = apiVersion.split('/');
      if (parts.length > 2) throw new ExplainError(`unexpected GroupVersion string: ${apiVersion}`);
      [group, version] = parts.length === 2 ? parts : ['', parts[0]];
    } else {
      const groupResource = type.group ? `${type.plural}.${type.group}` : type.plural;
      if (input.startsWith(groupResource)) path = input.slice(groupResource.length).split('.').slice(1);
    }
    if (format !== 'plaintext') throw new ExplainError(`unrecognized format: ${format}`);
    const result = explain(type, group, version, path, flags.bool('recursive'));
    env.out(result.out);
    if (result.error) {
      env.err(result.error + '\n');
      return 1;
    }
    return 0;
  },
};
