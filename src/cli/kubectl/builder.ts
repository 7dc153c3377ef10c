/**
 * Turns command arguments into the objects they name, as cli-runtime's resource.Builder does:
 * `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l SELECTOR`, `TYPE --all`. Missing names become
 * per-object errors so a command can act on the rest and still exit 1.
 */
import { isApiError } from '../../engine/api/errors';
import { kindPrefix, qualifiedName, type ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/objects';
import type { CommandEnv } from './command';
import { parseResourceArgs } from './resolve';

export interface Found {
  type: ResourceType;
  resource: string;
  object: KubeObject;
}

export interface Selection {
  found: Found[];
  errors: unknown[];
  /** A type was given without names or selector: for "resource(s) were provided, but no name was specified". */
  typesWithoutNames: ResourceType[];
}

export interface SelectOptions {
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
}

export function selectObjects(env: CommandEnv, args: string[], opts: SelectOptions = {}): Selection {
  const found: Found[] = [];
  const errors: unknown[] = [];
  const typesWithoutNames: ResourceType[] = [];
  for (const arg of parseResourceArgs(args)) {
    const resource = qualifiedName(arg.type);
    const ns = arg.type.namespaced ? env.namespace : undefined;
    if (arg.names.length > 0) {
      for (const name of arg.names) {
        try {
          found.push({ type: arg.type, resource, object: env.api.get(resource, ns, name) });
        } catch (e) {
          if (!isApiError(e)) throw e;
          errors.push(e);
        }
      }
      continue;
    }
    if (!opts.selector && !opts.fieldSelector && !opts.all && !opts.allNamespaces) {
      typesWithoutNames.push(arg.type);
      continue;
    }
    const list = env.api.list(resource, {
      namespace: opts.allNamespaces ? undefined : ns,
      labelSelector: opts.selector,
      fieldSelector: opts.fieldSelector,
    });
    for (const object of list.items) found.push({ type: arg.type, resource, object });
  }
  return { found, errors, typesWithoutNames };
}

/** `deployment.apps/web` */
export function nameOf(f: { type: ResourceType; object: KubeObject }): string {
  return `${kindPrefix(f.type)}/${f.object.metadata.name}`;
}
