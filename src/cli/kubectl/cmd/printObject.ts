/** Prints one object for `-o FORMAT` in the verbs that return an object (patch, apply, create). */
import type { KubeObject } from '../../../engine/objects';
import type { CommandEnv } from '../command';
import { outputFormat, printObjects, withoutManagedFields } from '../printers/output';

export function printObject(env: CommandEnv, obj: KubeObject, o: string, showManagedFields = false): string {
  return printObjects([obj], true, {
    showManagedFields,
    format: outputFormat(o),
    noHeaders: false,
    showLabels: false,
    labelColumns: [],
    showKind: false,
    withNamespace: false,
    sortBy: '',
    now: env.now(),
    readFile: (p) => env.host.fs.read(p),
  });
}

export { withoutManagedFields };
