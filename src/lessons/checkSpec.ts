/** Reads one `checks:` item of a step's lesson block into a Check, with problems for what is wrong. */
import { parseJsonPath } from '../cli/kubectl/output/jsonpathParser';
import { resolveResource } from '../cli/kubectl/resolve';
import { parseLabelSelector } from '../engine/api/selectors';
import { Fields } from './fields';
import { MATCHER_KEYS, parseComparison } from './matchers';
import type { Check, Matchers } from './model';
import { readOnlyProblem } from './readOnly';
import type { YamlPath, YamlSource } from './yamlSource';

const COMMON_KEYS = [...MATCHER_KEYS, 'why', 'title'];
const COMMAND_KEYS = ['run', 'jsonpath', 'exitCode'];
const OBJECT_KEYS = ['object', 'namespace', 'selector', 'field', 'count', 'exists'];

export const DEFAULT_WHY = 'not yet: expected {{expected}}, observed {{observed}}';

export function readCheck(src: YamlSource, path: YamlPath, value: unknown): Check | undefined {
  const f = Fields.of(src, path, value, [...COMMON_KEYS, ...COMMAND_KEYS, ...OBJECT_KEYS], 'a check');
  if (!f) return undefined;
  if (f.has('run') === f.has('object')) {
    src.problem(path, 'a check needs exactly one of "run:" (a read-only command) or "object:" (deployment/web, pods, …)');
    return undefined;
  }
  const base = { ...readMatchers(f), why: f.str('why') ?? DEFAULT_WHY, ...(f.has('title') ? { title: f.str('title') } : {}) };
  return f.has('run') ? readCommandCheck(f, base) : readObjectCheck(f, base);
}

function readMatchers(f: Fields): Matchers {
  const m: Matchers = {};
  for (const key of MATCHER_KEYS) {
    const v = f.str(key);
    if (v !== undefined) m[key] = v;
  }
  if (m.matches !== undefined) {
    try {
      new RegExp(m.matches);
    } catch (e) {
      f.problem('matches', `not a regular expression: ${(e as Error).message}`);
    }
  }
  if (m.number !== undefined && !parseComparison(m.number)) f.problem('number', `"${m.number}" is not a comparison: write an operator (== != > >= < <=) and a number, like ">= 3"`);
  return m;
}

function readCommandCheck(f: Fields, base: Matchers & { why: string; title?: string }): Check | undefined {
  for (const key of OBJECT_KEYS) if (f.has(key)) f.problem(key, `"${key}" belongs to object checks; this one has "run:"`);
  const run = f.str('run', true);
  if (run === undefined) return undefined;
  const why = readOnlyProblem(run);
  if (why) f.problem('run', `check command ${why}`);
  const jsonpath = f.str('jsonpath');
  if (jsonpath !== undefined) jsonPathProblem(f, 'jsonpath', jsonpath);
  const exitCode = f.int('exitCode', 0);
  return { type: 'command', run, ...base, ...(jsonpath !== undefined ? { jsonpath } : {}), ...(exitCode !== undefined ? { exitCode } : {}) };
}

function readObjectCheck(f: Fields, base: Matchers & { why: string; title?: string }): Check | undefined {
  for (const key of COMMAND_KEYS) if (f.has(key)) f.problem(key, `"${key}" belongs to command checks; this one has "object:"`);
  const object = f.str('object', true);
  if (object === undefined) return undefined;
  const [resource, name, extra] = object.split('/');
  if (!resource || name === '' || extra !== undefined) {
    f.problem('object', `"${object}" should be a resource (pods) or a resource and a name (deployment/web)`);
    return undefined;
  }
  try {
    resolveResource(resource);
  } catch (e) {
    f.problem('object', (e as Error).message);
  }
  const selector = f.str('selector');
  if (selector !== undefined) {
    if (name) f.problem('selector', 'a check on one named object takes no selector');
    try {
      parseLabelSelector(selector);
    } catch (e) {
      f.problem('selector', `not a label selector: ${(e as Error).message}`);
    }
  }
  const field = f.str('field');
  if (field !== undefined) jsonPathProblem(f, 'field', field);
  const count = f.str('count');
  if (count !== undefined && !parseComparison(count)) f.problem('count', `"${count}" is not a comparison: write an operator and a number, like ">= 3"`);
  const exists = f.bool('exists');
  const namespace = f.str('namespace');
  return {
    type: 'object',
    resource,
    ...base,
    ...(name ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(selector !== undefined ? { selector } : {}),
    ...(field !== undefined ? { field } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(exists !== undefined ? { exists } : {}),
  };
}

/** A field may be written bare (`.status.phase`): it is then taken as `{.status.phase}`. */
export function jsonPathTemplate(text: string): string {
  return text.includes('{') ? text : `{${text}}`;
}

function jsonPathProblem(f: Fields, key: string, text: string): void {
  try {
    parseJsonPath(jsonPathTemplate(text));
  } catch (e) {
    f.problem(key, `not a JSONPath template: ${(e as Error).message}`);
  }
}
