/**
 * Steady-state resource use of a container, for `kubectl top`, metrics-server and eviction,
 * and to decide OOMKilled against a memory limit before running the process. A running
 * process also reports changes with `usage` effects (process.ts); both agree.
 */
import { imageSpec, parseImageRef } from './images';
import { containerArgv } from './process';
import { parseStress, stressUsage } from './stress';

export interface Usage {
  cpuMillis: number;
  memoryBytes: number;
}

export function usageOf(container: { image: string; command?: string[]; args?: string[] }): Usage {
  const parsed = parseImageRef(container.image);
  if (!parsed.ok) return { cpuMillis: 0, memoryBytes: 0 };
  const spec = imageSpec(parsed.ref);
  const argv = containerArgv(spec, container.command, container.args);
  const program = argv[0]?.slice(argv[0].lastIndexOf('/') + 1);
  if (program === 'stress') return stressUsage(parseStress(argv.slice(1)));
  return { cpuMillis: spec.cpuMillis, memoryBytes: spec.memoryBytes };
}

/** True when the container would be OOMKilled under this memory limit (bytes). */
export function exceedsMemoryLimit(container: { image: string; command?: string[]; args?: string[] }, limitBytes: number): boolean {
  return usageOf(container).memoryBytes > limitBytes;
}
