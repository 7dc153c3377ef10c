/**
 * `kubectl patch (-f FILE | TYPE NAME) -p PATCH|--patch-file FILE [--type strategic|merge|json]
 * [--subresource status|scale]`, as pkg/cmd/patch does it: the patch is YAML or JSON, sent to the
 * server (or, with --dry-run=client, applied locally); `patched` when the object changed,
 * `patched (no change)` when not. The dry-run suffix is not printed: patch sets the name
 * printer's operation itself.
 */
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, isApiError } from '../../../engine/api/errors';
import { applyPatch, jsonPatch, type PatchType } from '../../../engine/api/patch';
import { kindPrefix } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/objects';
import { scaleOf } from '../../../engine/api/scale';
import { deepEqual } from '../../../engine/util/clone';
import { selectObjects, type Found } from '../builder';
import { type CommandEnv, type KubectlCommand } from '../command';
import { scaleReplicas } from '../../../engine/api/strictDecoding';
import { kubectlErrorText } from '../errors';
import { objectsFromFiles } from '../manifestFiles';
import { dryRunSuffix } from './cordon';
import { printObject } from './printObject';

const PATCH_TYPES: PatchType[] = ['json', 'merge', 'strategic'];
const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const patch: KubectlCommand = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
    { name: 'subresource', type: 'string', usage: 'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale].' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files identifying the resource to update' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch', usage: 'Name of the manager used to track field ownership.' },
  ],
  *run(flags, env) {
    const text = flags.string('patch');
    const file = flags.string('patch-file');
    if (text && file) throw new Error('cannot specify --patch and --patch-file together');
    if (!text && !file) throw new Error('must specify --patch or --patch-file containing the contents of the patch');
    const type = flags.string('type').toLowerCase() as PatchType;
    if (!PATCH_TYPES.includes(type)) throw new Error(`--type must be one of [${PATCH_TYPES.join(' ')}], not "${flags.string('type')}"`);
    const sub = flags.string('subresource');
    // The builder GETs NAME/SUBRESOURCE: an unknown one is the server's 404.
    if (sub && sub !== 'status' && sub !== 'scale') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const dryRun = flags.string('dry-run');
    dryRunSuffix(dryRun);
    let source = text;
    if (file) {
      const read = env.host.fs.read(file);
      if (read === undefined) throw new Error(`unable to read patch file: open ${file}: no such file or directory`);
      source = read;
    }
    const body = parsePatch(source, text);

    let found: Found[];
    let errors: unknown[];
    if (flags.strings('filename').length > 0) {
      ({ found, errors } = objectsFromFiles(env, flags.strings('filename'), flags.bool('recursive')));
    } else {
      if (flags.args.length === 0) throw new Error(NO_RESOURCES);
      const sel = selectObjects(env, flags.args);
      if (sel.typesWithoutNames.length) throw new Error('resource(s) were provided, but no name was specified');
      ({ found, errors } = sel);
    }
    let status = 0;
    for (const e of errors) {
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
    for (const f of found) {
      try {
        const { before, after, name } = patchOne(env, f, type, body, sub, dryRun);
        const o = flags.string('output');
        const op = deepEqual(before, after) ? 'patched (no change)' : 'patched';
        if (o === 'name') env.out(`${name}\n`);
        else if (o) env.out(printObject(env, after, o));
        else env.out(`${name} ${op}\n`);
      } catch (e) {
        if (!(e instanceof Error) && !isApiError(e)) throw e;
        env.err(kubectlErrorText(e) + '\n');
        status = 1;
      }
    }
    if (found.length === 0 && errors.length === 0) throw new Error('no objects passed to patch');
    return status;
  },
};

/** yaml.ToJSON: JSON passes through (the server then rejects what is not JSON); YAML is converted. */
export function parsePatch(source: string, shown: string): unknown {
  const trimmed = source.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      throw badRequest(`error decoding request body: ${(e as Error).message}`);
    }
  }
  try {
    return parseYaml(source) ?? null;
  } catch (e) {
    throw new Error(`unable to parse "${shown}": ${(e as Error).message.split('\n')[0]}`);
  }
}

function patchOne(env: CommandEnv, f: Found, type: PatchType, body: unknown, sub: string, dryRun: string): { before: KubeObject; after: KubeObject; name: string } {
  const { metadata } = f.object;
  const client = dryRun === 'client' || dryRun === 'unchanged';
  if (sub === 'scale') {
    if (!SCALABLE.has(f.resource)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    const before = scaleOf(f.object);
    const name = `scale.autoscaling/${metadata.name}`;
    const patched = applyPatch(f.type, before, body, type === 'strategic' ? 'merge' : type) as KubeObject;
    if (client) return { before, after: patched, name };
    const replicas = scaleReplicas(patched);
    const updated = env.api.patch(f.resource, metadata.namespace, metadata.name, 'merge', { spec: { replicas } }, { dryRun: dryRun === 'server', fieldManager: 'kubectl-patch', fieldSubresource: 'scale' });
    return { before, after: scaleOf(updated), name };
  }
  const name = `${kindPrefix(f.type)}/${metadata.name}`;
  if (client) return { before: f.object, after: clientPatch(f, type, body), name };
  const after = env.api.patch(f.resource, metadata.namespace, metadata.name, type, body, {
    dryRun: dryRun === 'server',
    subresource: sub === 'status' ? 'status' : undefined,
    fieldManager: 'kubectl-patch',
  });
  return { before: f.object, after, name };
}

/** --dry-run=client: the patch applied by kubectl itself, with its own JSON patch wording. */
function clientPatch(f: Found, type: PatchType, body: unknown): KubeObject {
  if (type !== 'json' || !Array.isArray(body)) return applyPatch(f.type, f.object, body, type) as KubeObject;
  let doc: unknown = f.object;
  for (const op of body as { op: string; path: string }[]) {
    try {
      doc = jsonPatch(doc, [op]);
    } catch (e) {
      if (!isApiError(e)) throw e;
      throw new Error(`${op.op} operation does not apply: doc is missing path: ${op.path}: missing value`);
    }
  }
  return doc as KubeObject;
}
