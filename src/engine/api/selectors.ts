/**
 * Label selectors (equality- and set-based, in string form and as metav1.LabelSelector) and field
 * selectors, with the matching semantics of apimachinery's labels and fields packages.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../objects';
import { badRequest } from './errors';

export type Operator = 'in' | 'notin' | 'exists' | '!' | '=' | '!=' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Labels = Record<string, string> | undefined;

export function matchesRequirements(reqs: Requirement[], labels: Labels): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case '=':
      case 'in':
        return has && r.values.includes(v);
      case '!=':
      case 'notin':
        return !has || !r.values.includes(v);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
        return has && Number(v) > Number(r.values[0]);
      case 'lt':
        return has && Number(v) < Number(r.values[0]);
    }
  });
}

/** Parses `app=web,tier in (a,b),!legacy,env!=prod`. Throws a BadRequest ApiError on bad syntax. */
export function parseLabelSelector(text: string): Requirement[] {
  const s = text.trim();
  if (s === '') return [];
  const reqs: Requirement[] = [];
  for (const part of splitTopLevel(s)) {
    const p = part.trim();
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^!\s*([^\s=!<>(),]+)$/))) reqs.push({ key: m[1], operator: '!', values: [] });
    else if ((m = p.match(/^([^\s=!<>(),]+)\s+(in|notin)\s*\(([^)]*)\)$/)))
      reqs.push({ key: m[1], operator: m[2] as Operator, values: m[3].split(',').map((v) => v.trim()) });
    else if ((m = p.match(/^([^\s=!<>(),]+)\s*(==|=|!=)\s*([^\s=!<>(),]*)$/)))
      reqs.push({ key: m[1], operator: m[2] === '!=' ? '!=' : '=', values: [m[3]] });
    else if ((m = p.match(/^([^\s=!<>(),]+)\s*([<>])\s*(-?\d+)$/)))
      reqs.push({ key: m[1], operator: m[2] === '>' ? 'gt' : 'lt', values: [m[3]] });
    else if ((m = p.match(/^([^\s=!<>(),]+)$/))) reqs.push({ key: m[1], operator: 'exists', values: [] });
    else throw badRequest(`unable to parse requirement: found '${p}', expected: identifier`);
  }
  return reqs;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Converts a metav1.LabelSelector; an empty selector matches everything, a null one nothing. */
export function labelSelectorRequirements(sel: LabelSelector | undefined | null): Requirement[] | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    reqs.push({
      key: e.key,
      operator: op === 'doesnotexist' ? '!' : op === 'exists' ? 'exists' : (op as Operator),
      values: e.values ?? [],
    });
  }
  return reqs;
}

export function selectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  const reqs = labelSelectorRequirements(sel);
  return reqs !== null && matchesRequirements(reqs, labels);
}

/** A LabelSelector as kubectl prints it: `app=web,tier in (a,b)`; empty -> `<none>`. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const reqs = labelSelectorRequirements(sel) ?? [];
  if (reqs.length === 0) return '<none>';
  return reqs.map(formatRequirement).join(',');
}

function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case '=':
      return `${r.key}=${r.values[0]}`;
    case '!=':
      return `${r.key}!=${r.values[0]}`;
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'gt':
      return `${r.key}>${r.values[0]}`;
    case 'lt':
      return `${r.key}<${r.values[0]}`;
    default:
      return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`;
  }
}

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Field paths the apiserver accepts per resource (the rest is rejected like the real one). */
const FIELD_LABELS: Record<string, string[]> = {
  pods: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  nodes: ['metadata.name', 'spec.unschedulable'],
  events: ['metadata.name', 'metadata.namespace', 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  namespaces: ['metadata.name', 'status.phase'],
  replicasets: ['metadata.name', 'metadata.namespace', 'status.replicas'],
  secrets: ['metadata.name', 'metadata.namespace', 'type'],
};

export function parseFieldSelector(resource: string, text: string): FieldRequirement[] {
  if (text.trim() === '') return [];
  const plural = resource.split('.')[0];
  const allowed = FIELD_LABELS[plural] ?? ['metadata.name', 'metadata.namespace'];
  return text.split(',').map((part) => {
    const m = part.trim().match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part.trim()}'`);
    const field = m[1].trim();
    if (!allowed.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    return { field, operator: m[2] === '!=' ? '!=' : '=', value: m[3].trim() };
  });
}

export function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source') return String((obj as any).source?.component ?? '');
  let cur: any = obj;
  for (const part of field.split('.')) cur = cur?.[part];
  if (cur === undefined || cur === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.operator === '='));
}
