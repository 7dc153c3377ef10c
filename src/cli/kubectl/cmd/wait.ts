/**
 * `kubectl wait --for=delete|create|condition=NAME[=VALUE]|jsonpath='{…}'[=VALUE] RESOURCE
 * [--timeout=30s]` as pkg/cmd/wait does it: each object, each condition in turn, under one overall
 * deadline; success prints `deployment.apps/web condition met`, a timeout fails with `timed out
 * waiting for the condition on deployments/web`. Headless, virtual time runs until the condition
 * holds or the deadline passes (waitFor sleeps to the simulation's next activity).
 */
import { isApiError } from '../../../engine/api/errors';
import { kindPrefix } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/objects';
import type { ShellEffect } from '../../../engine/shell/types';
import { parseGoDuration } from '../../../engine/util/duration';
import { selectObjects, type Found } from '../builder';
import { waitFor, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { objectsFromFiles } from '../manifestFiles';
import { relaxedJsonPathExpression } from '../output/customColumns';
import { JsonPath } from '../output/jsonpath';
import { NO_RESOURCES } from './patch';
import { printObject } from './printObject';

type Check = (obj: KubeObject) => boolean;
type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'check'; check: Check };

export const wait: KubectlCommand = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'stringArray', usage: 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]].' },
    { name: 'timeout', type: 'string', default: '30s', usage: 'The length of time to wait before giving up. Zero means check once and don\'t wait, negative means wait for a week.' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on' },
    { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'identifying the resource.' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  ],
  run: runWait,
};

function* runWait(flags: Flags, env: CommandEnv): Generator<ShellEffect, number, unknown> {
  const conditions = flags.strings('for').map(parseCondition);
  if (conditions.length === 0) throw new Error('unrecognized condition: ""');
  const timeoutRaw = flags.string('timeout');
  const parsed = parseGoDuration(timeoutRaw);
  if (parsed === null) throw new Error(`invalid argument "${timeoutRaw}" for "--timeout" flag: time: invalid duration "${timeoutRaw}"`);
  const timeout = parsed < 0 ? 168 * 3600_000 : parsed;
  const deadline = env.now() + timeout;
  const forDelete = conditions.some((c) => c.kind === 'delete');

  const select = (): { found: Found[]; errors: unknown[] } => {
    if (flags.strings('filename').length > 0) return objectsFromFiles(env, flags.strings('filename'), flags.bool('recursive'));
    if (flags.args.length === 0) throw new Error(NO_RESOURCES);
    const sel = selectObjects(env, flags.args, {
      selector: flags.string('selector') || undefined,
      fieldSelector: flags.string('field-selector') || undefined,
      all: flags.bool('all'),
      allNamespaces: flags.bool('all-namespaces'),
    });
    if (sel.typesWithoutNames.length) throw new Error('resource(s) were provided, but no name was specified');
    return sel;
  };

  if (conditions.some((c) => c.kind === 'create')) {
    const created = yield* waitFor(env, () => {
      const s = select();
      return s.errors.length === 0 && s.found.length > 0;
    }, deadline);
    if (!created) throw new Error('timed out waiting for the condition');
  }

  const sel = select();
  const errors = forDelete ? sel.errors.filter((e) => !isApiError(e, 'NotFound')) : sel.errors;
  if (errors.length) throw errors[0];
  if (sel.found.length === 0 && !forDelete) throw new Error('no matching resources found');
  const o = flags.string('output');
  for (const f of sel.found) {
    const { metadata } = f.object;
    const ns = f.type.namespaced ? metadata.namespace : undefined;
    const where = `${f.type.plural}/${metadata.name}`;
    const current = (): KubeObject | undefined => {
      const obj = env.api.tryGet(f.resource, ns, metadata.name);
      return obj && obj.metadata.uid === metadata.uid ? obj : undefined;
    };
    for (const c of conditions) {
      if (c.kind === 'create') continue;
      let last: KubeObject | undefined = f.object;
      if (c.kind === 'delete') {
        if (current() && timeout === 0) throw new Error(`condition not met for ${where}`);
        if (!(yield* waitFor(env, () => !current(), deadline))) throw new Error(`timed out waiting for the condition on ${where}`);
      } else {
        const live = env.api.get(f.resource, ns, metadata.name);
        if (timeout === 0) {
          if (!c.check(live)) throw new Error(`condition not met for ${where}`);
          last = live;
        } else {
          const met = yield* waitFor(env, () => {
            last = env.api.tryGet(f.resource, ns, metadata.name);
            if (!last) env.api.get(f.resource, ns, metadata.name);
            return c.check(last!);
          }, deadline);
          if (!met) throw new Error(`timed out waiting for the condition on ${where}`);
        }
      }
      const shown = last ?? f.object;
      if (o && o !== 'name') env.out(printObject(env, shown, o));
      else env.out(o === 'name' ? `${kindPrefix(f.type)}/${metadata.name}\n` : `${kindPrefix(f.type)}/${metadata.name} condition met\n`);
    }
  }
  return 0;
}

function parseCondition(cond: string): Condition {
  const lower = cond.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (cond.startsWith('condition=')) {
    let name = cond.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'check', check: (obj) => conditionMet(obj, name, value) };
  }
  if (cond.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(cond.slice('jsonpath='.length));
    if (parts.length > 2) throw new Error("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    const expression = relaxedJsonPathExpression(parts[0]);
    if (expression === '') throw new Error('jsonpath expression cannot be empty');
    const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
    if (value === '') throw new Error("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    const jp = new JsonPath('wait').allowMissingKeys(true).parse(expression);
    return { kind: 'check', check: (obj) => jsonPathMet(jp, obj, value) };
  }
  throw new Error(`unrecognized condition: "${cond}"`);
}

/** ConditionalWait.checkCondition: a condition of that type (case-folded) whose status matches, observed at the current generation. */
function conditionMet(obj: KubeObject, name: string, value: string): boolean {
  const conditions = (obj.status?.conditions ?? []) as { type?: string; status?: string; observedGeneration?: number }[];
  for (const c of conditions) {
    if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
    const generation = obj.metadata.generation;
    if (generation !== undefined) {
      const observed = c.observedGeneration ?? obj.status?.observedGeneration;
      if (observed !== undefined && observed < generation) return false;
    }
    return c.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}

function jsonPathMet(jp: JsonPath, obj: KubeObject, value: string | undefined): boolean {
  const results = jp.findResults(obj);
  if (results.length === 0 || results[0].length === 0) return false;
  if (results.length > 1) throw new Error('given jsonpath expression matches more than one list');
  if (results[0].length > 1) throw new Error('given jsonpath expression matches more than one value');
  if (value === undefined) return true;
  const v = results[0][0];
  if (v !== null && typeof v === 'object') throw new Error('jsonpath leads to a nested object or list which is not supported');
  return String(v === null ? '<nil>' : v).trim() === value.trim();
}

/** Splits on single `=`; `==` stays in the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}
