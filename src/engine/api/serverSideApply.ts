/**
 * Server-side apply as the apiserver's fieldmanager does it (structured-merge-diff): the applied
 * configuration merged into the live object, conflicts with other managers' fields (409 unless
 * forced), and fields the manager applied before and no longer applies removed when nobody else
 * owns them. Field sets and entries come from managedFields.ts.
 */
import type { KubeObject } from '../objects';
import { deepEqual } from '../util/clone';
import { formatRFC3339 } from '../util/time';
import { ApiError } from './errors';
import { childrenOf, difference, intersection, isEmpty, isMember, memberPaths, union, type Fields } from './fieldSet';
import {
  appliedFields,
  changedFields,
  elemInfo,
  entriesOf,
  entry,
  fieldInfo,
  isObj,
  itemKey,
  rebuild,
  rootTypeOfKind,
  sameManager,
  UNKNOWN,
  type FieldInfo,
  type ManagedFieldsEntry,
  type Obj,
} from './managedFields';

/** Merges an applied configuration into the live object (structured-merge-diff's merge). */
export function mergeApplied(live: unknown, config: unknown, info: FieldInfo): unknown {
  if (config === null || config === undefined) return config;
  if (info.atomic) return config;
  if (isObj(config)) {
    if (!isObj(live)) return config;
    const out: Obj = { ...live };
    for (const k in config) out[k] = mergeApplied(live[k], config[k], fieldInfo(info.type, k));
    return out;
  }
  if (Array.isArray(config)) {
    if (!Array.isArray(live) || info.list === 'atomic') return config;
    const elem = elemInfo(info);
    if (info.list === 'set') return [...live, ...config.filter((v) => !live.some((l) => deepEqual(l, v)))];
    const applied = new Map(config.map((item, i) => [itemKey(item, info.list, i), item]));
    const out: unknown[] = [];
    live.forEach((item, i) => {
      const k = itemKey(item, info.list, i);
      if (applied.has(k)) {
        out.push(mergeApplied(item, applied.get(k), elem));
        applied.delete(k);
      } else out.push(item);
    });
    out.push(...applied.values());
    return out;
  }
  return config;
}

/** Removes the members of `remove` from `obj` unless someone in `kept` owns something below. */
function prune(obj: unknown, remove: Fields, kept: Fields | undefined, info: FieldInfo): unknown {
  if (isObj(obj)) {
    const out: Obj = { ...obj };
    for (const [k, f] of childrenOf(remove)) {
      if (!k.startsWith('f:')) continue;
      const name = k.slice(2);
      if (!(name in out)) continue;
      if (isMember(f) && !kept?.[k]) delete out[name];
      else out[name] = prune(out[name], f, kept?.[k], fieldInfo(info.type, name));
    }
    return out;
  }
  if (Array.isArray(obj) && info.list !== 'atomic') {
    const elem = elemInfo(info);
    const out: unknown[] = [];
    obj.forEach((item, i) => {
      const k = itemKey(item, info.list, i);
      const f = remove[k];
      if (!f) out.push(item);
      else if (isMember(f) && !kept?.[k]) return;
      else out.push(prune(item, f, kept?.[k], elem));
    });
    return out;
  }
  return obj;
}

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  subresource?: string;
  now: number;
}

/**
 * Server-side apply onto a live object: the merged object (before defaulting) and a function that
 * computes managedFields once the write's final object is known.
 */
export function serverSideApply(live: KubeObject, config: KubeObject, opts: ApplyOptions): { merged: KubeObject; managed: (final: KubeObject) => ManagedFieldsEntry[] | undefined } {
  const statusOnly = opts.subresource === 'status';
  const t = rootTypeOfKind(live.kind);
  const root: FieldInfo = { ...UNKNOWN, type: t };
  const body: Obj = { ...(config as Obj) };
  if (!statusOnly) delete body.status;
  let merged = mergeApplied(live, body, root) as KubeObject;
  merged.metadata = { ...merged.metadata, managedFields: live.metadata.managedFields };

  const previous = entriesOf(live);
  const self = { manager: opts.fieldManager, operation: 'Apply' as const, apiVersion: config.apiVersion, subresource: opts.subresource };
  const { changed } = changedFields(live, merged, statusOnly);
  const conflicts: { manager: ManagedFieldsEntry; paths: string[] }[] = [];
  for (const e of previous) {
    // Every other manager counts, whatever subresource it wrote through (`kubectl scale`).
    if (sameManager(e, self.manager, 'Apply', self.apiVersion, self.subresource)) continue;
    const clash = intersection(e.fieldsV1, changed);
    if (!isEmpty(clash)) conflicts.push({ manager: e, paths: memberPaths(clash) });
  }
  if (conflicts.length && !opts.force) throw conflictError(conflicts);

  const owned = appliedFields(config, statusOnly);
  const mine = previous.find((e) => sameManager(e, self.manager, 'Apply', self.apiVersion, self.subresource));
  if (mine) {
    const dropped = difference(mine.fieldsV1, owned);
    if (!isEmpty(dropped)) {
      // Removed unless someone still owns it or something below it (the applier included).
      let kept: Fields = {};
      for (const e of previous) if (e !== mine) kept = union(kept, e.fieldsV1);
      if (opts.force) kept = difference(kept, changed);
      merged = prune(merged, dropped, union(kept, owned), root) as KubeObject;
    }
  }
  return {
    merged,
    managed: (final) => {
      // Fields the apply changed leave their other owners (forced conflicts and defaults alike).
      const taken = changedFields(live, final, statusOnly).changed;
      return rebuild(previous, self, owned, [intersection(taken, owned)], opts.now);
    },
  };
}

/** The managedFields of an object created by an apply. */
export function appliedOnCreate(config: KubeObject, opts: ApplyOptions): ManagedFieldsEntry[] | undefined {
  const owned = appliedFields(config, opts.subresource === 'status');
  return isEmpty(owned) ? undefined : [entry(opts.fieldManager, 'Apply', config.apiVersion, formatRFC3339(opts.now), owned, opts.subresource)];
}

/** The manager as the apiserver prints it in conflicts: `"name" using apps/v1` for updaters. */
function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** 409 Conflict worded as the apiserver's NewConflictError. */
function conflictError(conflicts: { manager: ManagedFieldsEntry; paths: string[] }[]): ApiError {
  const total = conflicts.reduce((n, c) => n + c.paths.length, 0);
  const causes = conflicts.flatMap((c) => c.paths.map((p) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: p })));
  let message: string;
  if (total === 1) message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${conflicts[0].paths[0]}`;
  else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(printManager(c.manager), [...(byManager.get(printManager(c.manager)) ?? []), ...c.paths]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of byManager.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${total} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}
