/**
 * Evaluates checks against the cluster, read-only: command checks run in a private session that
 * may not let time pass; object checks read through the API as kubectl would, naming resources
 * the way kubectl resolves them. A failing check says why, with the observed value filled in.
 */
import { JsonPath } from '../cli/kubectl/output/jsonpath';
import { resolveResource } from '../cli/kubectl/resolve';
import { isApiError } from '../engine/api/errors';
import { qualifiedName } from '../engine/api/resources';
import type { KubeObject } from '../engine/objects';
import type { ShellFs } from '../engine/shell/types';
import type { Simulation } from '../engine/sim/simulation';
import { jsonPathTemplate } from './checkSpec';
import { runRead } from './commands';
import { compare, describeMatchers, hasMatchers, matchValue, parseComparison } from './matchers';
import type { Check, CheckStatus, CommandCheck, ObjectCheck } from './model';

interface Judged {
  passed: boolean;
  observed: string;
  /** Added to the why: the check could not be judged as written. */
  note?: string;
}

export function evaluateCheck(sim: Simulation, fs: ShellFs, check: Check): CheckStatus {
  let judged: Judged;
  try {
    judged = check.type === 'command' ? judgeCommand(sim, fs, check) : judgeObject(sim, check);
  } catch (e) {
    judged = { passed: false, observed: '', note: (e as Error).message };
  }
  const title = check.title ?? checkTitle(check);
  if (judged.passed) return { title, passed: true, observed: judged.observed };
  const why = fillWhy(check.why, judged.observed, expectedText(check)) + (judged.note ? ` (${judged.note})` : '');
  return { title, passed: false, why, observed: judged.observed };
}

export function fillWhy(template: string, observed: string, expected: string): string {
  return template.replace(/\{\{\s*observed\s*\}\}/g, observed === '' ? '(none)' : observed).replace(/\{\{\s*expected\s*\}\}/g, expected);
}

export function expectedText(check: Check): string {
  if (check.type === 'object' && check.count !== undefined) return check.count.trim();
  const words = describeMatchers(check);
  if (check.type === 'object' && check.exists !== undefined) return [check.exists ? 'present' : 'absent', words].filter(Boolean).join(', ');
  if (check.type === 'command' && check.exitCode !== undefined) return [words, `exit code ${check.exitCode}`].filter(Boolean).join(', ');
  return words || (check.type === 'command' ? 'exit code 0' : 'present');
}

/** A title for a check its author did not name: what it looks at and what it expects. */
export function checkTitle(check: Check): string {
  const subject =
    check.type === 'command'
      ? `${check.run}${check.jsonpath ? ` ${check.jsonpath}` : ''}`
      : `${check.count !== undefined ? 'count of ' : ''}${check.resource}${check.name ? `/${check.name}` : ''}${check.selector ? ` -l ${check.selector}` : ''}${check.field ? ` ${check.field}` : ''}`;
  return `${subject}: ${expectedText(check)}`;
}

function judgeCommand(sim: Simulation, fs: ShellFs, check: CommandCheck): Judged {
  const r = runRead(sim, fs, check.run);
  if (r.waited) return { passed: false, observed: r.output.trim(), note: 'the check command waits for time to pass; checks must not wait' };
  let observed = r.output.trim();
  if (check.jsonpath !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(r.stdout);
    } catch {
      return { passed: false, observed, note: 'its output is not JSON, so the jsonpath cannot be applied' };
    }
    observed = fieldOf(data, check.jsonpath).text.trim();
  }
  const exitWanted = check.exitCode ?? (hasMatchers(check) ? undefined : 0);
  if (exitWanted !== undefined && r.exitCode !== exitWanted) return { passed: false, observed: hasMatchers(check) ? observed : `exit code ${r.exitCode}: ${observed}` };
  const m = matchValue(observed, check);
  return { passed: m.passed, observed, note: m.error && observed !== '' ? m.error : undefined };
}

function judgeObject(sim: Simulation, check: ObjectCheck): Judged {
  const objects = findObjects(sim, check);
  const perObject = objects.map((o) => judgeOne(o, check));
  if (check.count !== undefined) {
    const n = perObject.filter((j) => j.passed).length;
    return { passed: compare(n, parseComparison(check.count)!), observed: String(n) };
  }
  if (objects.length === 0) return { passed: check.exists === false, observed: 'not found' };
  if (!check.field && !hasMatchers(check) && check.exists !== undefined) {
    return { passed: check.exists, observed: check.name ? 'found' : `${objects.length} found` };
  }
  const failing = perObject.findIndex((j) => !j.passed);
  const shown = failing < 0 ? 0 : failing;
  const value = perObject[shown].observed;
  const observed = check.name || objects.length === 1 ? value : `${objects[shown].metadata.name}: ${value === '' ? '(none)' : value}`;
  return { passed: failing < 0, observed, note: perObject[shown].note };
}

function judgeOne(obj: KubeObject, check: ObjectCheck): Judged {
  const f = check.field !== undefined ? fieldOf(obj, check.field) : { text: obj.metadata.name, present: true };
  if (check.exists !== undefined && f.present !== check.exists) return { passed: false, observed: f.text };
  const m = matchValue(f.text, check);
  return { passed: m.passed, observed: f.text, note: m.error && f.text !== '' ? m.error : undefined };
}

function findObjects(sim: Simulation, check: ObjectCheck): KubeObject[] {
  const type = resolveResource(check.resource);
  const resource = qualifiedName(type);
  const ns = !type.namespaced ? undefined : check.namespace === '*' ? undefined : (check.namespace ?? 'default');
  if (check.name) {
    try {
      return [sim.api.get(resource, ns ?? 'default', check.name)];
    } catch (e) {
      if (isApiError(e, 'NotFound')) return [];
      throw e;
    }
  }
  return sim.api.list(resource, { namespace: ns, labelSelector: check.selector }).items;
}

/** A JSONPath template on a value: the text kubectl would print, and whether anything was found. */
export function fieldOf(data: unknown, field: string): { text: string; present: boolean } {
  const jp = new JsonPath('check').parse(jsonPathTemplate(field)).allowMissingKeys(true);
  const results = jp.findResults(data);
  const text = results.map((r) => jp.printResults(r)).join('');
  return { text, present: results.some((r) => r.some((v) => v !== undefined && v !== null)) };
}
