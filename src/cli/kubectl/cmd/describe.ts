/**
 * `kubectl describe`: the kind's describer (pod, deployment, replicaset, node, namespace) or the
 * generic one kubectl uses for the rest, fed by the same API reads kubectl would make.
 */
import { ENDPOINTS_DEPRECATION_WARNING } from '../../../engine/api/kinds/service';
import { qualifiedName } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/objects';
import { selectObjects } from '../builder';
import { type CommandEnv, type KubectlCommand } from '../command';
import { DESCRIBERS } from '../describe';
import { describeGeneric } from '../describe/generic';
import type { DescribeSource } from '../describe/source';
import { kubectlErrorText } from '../errors';
import { objectsFromFiles } from '../manifestFiles';
import { resolveResource, UnknownResourceError } from '../resolve';

const NO_TYPE = `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`;

/** The store as describers read it; resources are named by plural as in kubectl's code. */
export function describeSource(env: CommandEnv): DescribeSource {
  const qualify = (plural: string): string | undefined => {
    try {
      return qualifiedName(resolveResource(plural));
    } catch (e) {
      if (e instanceof UnknownResourceError) return undefined;
      throw e;
    }
  };
  return {
    now: env.now(),
    get: (resource, namespace, name) => {
      const r = qualify(resource);
      return r ? env.api.tryGet(r, namespace, name) : undefined;
    },
    list: (resource, namespace, opts) => {
      const r = qualify(resource);
      return r ? env.api.list(r, { namespace, ...opts }).items : [];
    },
  };
}

export const describe: KubectlCommand = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'filename', short: 'f', type: 'stringArray', usage: 'Filename, directory, or URL to files containing the resource to describe' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  *run(flags, env) {
    let found: { object: KubeObject; plural: string }[] = [];
    let errors: unknown[] = [];
    if (flags.strings('filename').length > 0) {
      const r = objectsFromFiles(env, flags.strings('filename'), flags.bool('recursive'));
      found = r.found.map((f) => ({ object: f.object, plural: f.type.plural }));
      errors = r.errors;
    } else {
      if (flags.args.length === 0) {
        env.err(`error: ${NO_TYPE}\n`);
        return 1;
      }
      const sel = selectObjects(env, flags.args, { selector: flags.string('selector') || undefined, allNamespaces: flags.bool('all-namespaces') });
      // The apiserver's deprecation warning for v1 Endpoints reaches stderr with the response.
      if ([...sel.typesWithoutNames, ...sel.found.map((f) => f.type)].some((t) => t.group === '' && t.plural === 'endpoints')) env.err(`Warning: ${ENDPOINTS_DEPRECATION_WARNING}\n`);
      // `kubectl describe pods` describes every pod in the namespace.
      for (const t of sel.typesWithoutNames) {
        const items = env.api.list(qualifiedName(t), { namespace: t.namespaced ? env.namespace : undefined }).items;
        for (const object of items) found.push({ object, plural: t.plural });
      }
      found.push(...sel.found.map((f) => ({ object: f.object, plural: f.type.plural })));
      errors = sel.errors;
    }
    let status = 0;
    const source = describeSource(env);
    const texts = found.map(({ object, plural }) => {
      const describer = DESCRIBERS[plural];
      return describer ? describer(source, object) : describeGeneric(source, object);
    });
    if (texts.length) env.out(texts.join('\n\n') + (texts[texts.length - 1].endsWith('\n') ? '' : '\n'));
    for (const e of errors) {
      env.err(kubectlErrorText(e) + '\n');
      status = 1;
    }
    if (found.length === 0 && errors.length === 0) {
      const t = flags.args[0] ? resolveResource(flags.args[0].split('/')[0].split(',')[0]) : undefined;
      env.err(t && t.namespaced && !flags.bool('all-namespaces') ? `No resources found in ${env.namespace} namespace.\n` : 'No resources found\n');
    }
    return status;
  },
};
