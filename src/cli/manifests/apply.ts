/**
 * Client-side `kubectl apply -f` (kubectl `pkg/cmd/apply/apply.go`, `patcher.go`, `pkg/util/apply.go`)
 * and `kubectl create -f`, as pure functions over the API server.
 *
 * apply, per object: absent → create it carrying the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation (the manifest as compact JSON, keys sorted, `"annotations":{}` when it had none, a
 * trailing newline, as kubectl's encoder writes it) → `created`; present → a three-way strategic
 * merge patch from last-applied, the new manifest and the live object (a JSON merge patch for kinds
 * without a schema, as kubectl does for unregistered kinds) → `configured`, or `unchanged` when the
 * patch is `{}`. Errors are collected per object and printed at the end, the others still applied.
 * The apiserver's strict field validation (decodeError/patchDecodeError) is applied here until the
 * server runs it on every write.
 */
import { clone } from '../../engine/util/clone';
import { mergePatch } from '../../engine/api/patch';
import { kindPrefix, qualifiedName } from '../../engine/api/resources';
import type { ApiServer } from '../../engine/api/server';
import { isApiError } from '../../engine/api/errors';
import { union, type Fields } from '../../engine/api/fieldSet';
import { kindHasSchema } from '../../engine/api/unknownFields';
import { createThreeWayMergePatch, strategicMerge } from '../../engine/api/strategicMerge';
import { sortKeys } from '../../engine/api/strategicDiff';
import { decodeError, patchDecodeError } from '../../engine/api/strictDecoding';
import type { KubeObject } from '../../engine/objects';
import type { ManifestSource } from './load';
import { addSourceToErr, renderErrors, resolveManifests, type CommandResult, type Resolved, type ResolveOptions } from './resolve';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions extends ResolveOptions {
  dryRun?: 'none' | 'client' | 'server';
  /** The field manager of the writes: `kubectl-client-side-apply`, `kubectl` (server-side), `kubectl-create`. */
  fieldManager?: string;
  /** `--server-side`: the server merges the manifest and tracks field ownership. */
  serverSide?: boolean;
  forceConflicts?: boolean;
  /** Keep the objects the server returned in the result (`apply -o`). */
  collectObjects?: boolean;
}

export function applyManifests(api: ApiServer, sources: ManifestSource[], opts: ApplyOptions): CommandResult {
  const { items, errors } = resolveManifests(sources, opts);
  const out: CommandResult = { stdout: [], stderr: [], exitCode: 0 };
  if (items.length === 0 && errors.length === 0) errors.push(new Error('no objects passed to apply'));
  for (const item of items) {
    try {
      applyOne(api, item, opts, out);
    } catch (e) {
      errors.push(e);
    }
  }
  if (!opts.collectObjects) delete out.objects;
  return finish(out, errors);
}

export function createFromManifests(api: ApiServer, sources: ManifestSource[], opts: ApplyOptions & { saveConfig?: boolean }): CommandResult {
  const { items, errors } = resolveManifests(sources, opts);
  const out: CommandResult = { stdout: [], stderr: [], exitCode: 0 };
  for (const { object, source, type } of items) {
    try {
      const obj = opts.saveConfig ? withLastApplied(object) : clone(object);
      if (opts.dryRun !== 'client') create(api, qualifiedName(type), obj, opts.dryRun === 'server', opts.fieldManager ?? 'kubectl-create');
      out.stdout.push(`${kindPrefix(type)}/${obj.metadata.name} created${suffix(opts)}`);
    } catch (e) {
      errors.push(addSourceToErr('creating', source, e));
    }
  }
  return finish(out, errors);
}

function finish(out: CommandResult, errors: unknown[]): CommandResult {
  out.stderr.push(...renderErrors(errors));
  if (errors.length) out.exitCode = 1;
  return out;
}

function suffix(opts: ApplyOptions): string {
  return opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : '';
}

function create(api: ApiServer, resource: string, obj: KubeObject, dryRun: boolean, fieldManager: string): KubeObject {
  const bad = decodeError(obj);
  if (bad) throw bad;
  return api.create(resource, obj, { dryRun, fieldManager });
}

/** The manifest as kubectl records it: without the annotation itself, keys sorted, annotations kept as `{}`. */
export function lastAppliedConfiguration(obj: KubeObject): string {
  const copy = clone(obj);
  copy.metadata ??= {} as KubeObject['metadata'];
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return JSON.stringify(sortKeys(copy)) + '\n';
}

function withLastApplied(obj: KubeObject): KubeObject {
  const copy = pruneNulls(clone(obj)) as KubeObject;
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedConfiguration(obj) };
  return copy;
}

function applyOne(api: ApiServer, { object, source, type }: Resolved, opts: ApplyOptions, out: CommandResult): void {
  const name = object.metadata?.name;
  if (!name && object.metadata?.generateName) throw new Error(`from ${object.metadata.generateName}: cannot use generate name with apply`);
  const resource = qualifiedName(type);
  const ns = type.namespaced ? object.metadata.namespace : undefined;
  const label = `${kindPrefix(type)}/${name}`;
  if (opts.serverSide) return serverSideApplyOne(api, { object, source, type }, opts, out);
  const fieldManager = opts.fieldManager ?? 'kubectl-client-side-apply';
  const modified = withLastApplied(object);
  const current = api.tryGet(resource, ns, name);
  if (!current) {
    try {
      const created = opts.dryRun !== 'client' ? create(api, resource, modified, opts.dryRun === 'server', fieldManager) : modified;
      (out.objects ??= []).push(created);
    } catch (e) {
      throw addSourceToErr('creating', source, e);
    }
    out.stdout.push(`${label} created${suffix(opts)}`);
    return;
  }
  const recorded = current.metadata.annotations?.[LAST_APPLIED];
  if (recorded === undefined) {
    out.stderr.push(`Warning: resource ${type.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`);
  }
  const lastApplied = recorded ? JSON.parse(recorded) : undefined;
  const strategic = kindHasSchema(type.kind);
  const patch = strategic ? createThreeWayMergePatch(type.kind, lastApplied, modified, current) : threeWayJsonMergePatch(lastApplied, modified, current);
  const patchText = JSON.stringify(patch);
  let result = current;
  if (patchText !== '{}') {
    try {
      const patched = strategic ? strategicMerge(type.kind, current, patch) : mergePatch(current, patch);
      const bad = patchDecodeError(patch, patched as KubeObject);
      if (bad) throw bad;
      result = opts.dryRun !== 'client' ? api.patch(resource, ns, name, strategic ? 'strategic' : 'merge', patch, { dryRun: opts.dryRun === 'server', fieldManager }) : (patched as KubeObject);
    } catch (e) {
      const info = `Resource: "${type.group}/${type.version}, Resource=${type.plural}", GroupVersionKind: "${type.group}/${type.version}, Kind=${type.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"`;
      throw addSourceToErr(`applying patch:\n${patchText}\nto:\n${info}\nfor:`, source, addSourceToErr('patching', source, e));
    }
  }
  if (current.metadata.deletionTimestamp) out.stderr.push(`Warning: Detected changes to resource ${name} which is currently being deleted.`);
  (out.objects ??= []).push(result);
  out.stdout.push(`${label} ${patchText === '{}' ? 'unchanged' : 'configured'}${suffix(opts)}`);
}

const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * `kubectl apply --server-side`, as kubectl's applyOneObject does it: an apply patch of the whole
 * manifest → `serverside-applied`; a 409 gains kubectl's advice. With the default manager
 * (`kubectl`) on an object client-side apply made, kubectl then keeps the last-applied annotation
 * under `kubectl-last-applied`, hands the client-side apply managers' fields to `kubectl`
 * (csaupgrade) and applies again, so fields the manifest dropped go.
 */
function serverSideApplyOne(api: ApiServer, { object, source, type }: Resolved, opts: ApplyOptions, out: CommandResult): void {
  const resource = qualifiedName(type);
  const name = object.metadata.name;
  const ns = type.namespaced ? object.metadata.namespace : undefined;
  const fieldManager = opts.fieldManager ?? 'kubectl';
  const dryRun = opts.dryRun === 'server';
  const send = () => {
    const bad = decodeError(object);
    if (bad) throw bad;
    return api.apply(resource, ns, name, object, { fieldManager, force: opts.forceConflicts, dryRun }).object;
  };
  let result: KubeObject;
  try {
    result = send();
  } catch (e) {
    if (isApiError(e, 'Conflict') && e.details.causes?.some((c) => c.reason === 'FieldManagerConflict')) {
      throw new Error(`${e.message}\n${CONFLICT_HELP}`);
    }
    throw addSourceToErr('serverside-apply', source, e);
  }
  if (!dryRun && fieldManager === 'kubectl') {
    const annotation = result.metadata.annotations?.[LAST_APPLIED];
    const entries = result.metadata.managedFields ?? [];
    const owns = (e: (typeof entries)[number]) => (e.fieldsV1 as Record<string, any> | undefined)?.['f:metadata']?.['f:annotations']?.[`f:${LAST_APPLIED}`] !== undefined;
    if (annotation !== undefined && !entries.some((e) => e.operation === 'Apply' && owns(e))) {
      const justAnnotation = { apiVersion: result.apiVersion, kind: result.kind, metadata: { name, ...(ns ? { namespace: ns } : {}), annotations: { [LAST_APPLIED]: annotation } } } as KubeObject;
      result = api.apply(resource, ns, name, justAnnotation, { fieldManager: 'kubectl-last-applied' }).object;
    }
    const upgraded = upgradeManagedFields(result, fieldManager);
    if (upgraded) {
      api.patch(resource, ns, name, 'json', [
        { op: 'test', path: '/metadata/resourceVersion', value: result.metadata.resourceVersion },
        { op: 'replace', path: '/metadata/managedFields', value: upgraded },
      ]);
      result = send();
    }
  }
  if (result.metadata.deletionTimestamp) out.stderr.push(`Warning: Detected changes to resource ${name} which is currently being deleted.`);
  (out.objects ??= []).push(result);
  out.stdout.push(`${kindPrefix(type)}/${name} serverside-applied${suffix(opts)}`);
}

/**
 * csaupgrade.UpgradeManagedFields: the fields of the Update managers that own the last-applied
 * annotation (client-side apply) join the server-side manager's Apply entry; their entries go.
 * Undefined when there is nothing to migrate.
 */
function upgradeManagedFields(obj: KubeObject, ssaManager: string): KubeObject['metadata']['managedFields'] | undefined {
  const entries = obj.metadata.managedFields ?? [];
  const csa = entries.filter((e) => e.operation === 'Update' && !e.subresource && (e.fieldsV1 as Record<string, any> | undefined)?.['f:metadata']?.['f:annotations']?.[`f:${LAST_APPLIED}`] !== undefined);
  if (csa.length === 0) return undefined;
  let target = entries.find((e) => e.manager === ssaManager && e.operation === 'Apply' && !e.subresource);
  let fields = (target?.fieldsV1 ?? {}) as Fields;
  for (const e of csa) fields = union(fields, e.fieldsV1 as Fields);
  const rest = entries.filter((e) => !csa.includes(e) && e !== target);
  target = { ...(target ?? { manager: ssaManager, operation: 'Apply', apiVersion: csa[0].apiVersion, time: csa[0].time, fieldsType: 'FieldsV1' }), fieldsV1: fields };
  return [target, ...rest];
}

/** jsonmergepatch.CreateThreeWayJSONMergePatch: additions and changes from live, deletions from last-applied. */
export function threeWayJsonMergePatch(original: unknown, modified: unknown, current: unknown): Record<string, unknown> {
  const patch = diffJson(current, modified, false) as Record<string, unknown>;
  const deletions = diffJson(original ?? {}, modified, true) as Record<string, unknown>;
  return sortKeys(mergeInto(deletions, patch)) as Record<string, unknown>;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function diffJson(from: unknown, to: unknown, deletionsOnly: boolean): unknown {
  const out: Record<string, unknown> = {};
  const a = isMap(from) ? from : {};
  const b = isMap(to) ? to : {};
  for (const [k, v] of Object.entries(b)) {
    if (isMap(v) && isMap(a[k])) {
      const sub = diffJson(a[k], v, deletionsOnly) as Record<string, unknown>;
      if (Object.keys(sub).length) out[k] = sub;
    } else if (!deletionsOnly && JSON.stringify(a[k]) !== JSON.stringify(v)) out[k] = v;
  }
  if (deletionsOnly) for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  return out;
}

function mergeInto(base: Record<string, unknown>, add: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(add)) base[k] = isMap(v) && isMap(base[k]) ? mergeInto(base[k] as Record<string, unknown>, v) : v;
  return base;
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (!isMap(v)) return v;
  for (const k of Object.keys(v)) {
    if (v[k] === null) delete v[k];
    else v[k] = pruneNulls(v[k]);
  }
  return v;
}
