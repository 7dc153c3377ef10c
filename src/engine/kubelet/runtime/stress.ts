/**
 * `stress` (polinux/stress), the Kubernetes docs' memory and CPU example: `stress --vm 1
 * --vm-bytes 250M --vm-hang 1` allocates 250 MiB and holds it; `--cpu N` spins N cores.
 */
import type { Builtin } from '../../shell/types';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export interface StressLoad {
  cpu: number;
  vm: number;
  vmBytes: number;
  timeoutMs?: number;
}

/** Parse stress's options (`--vm-bytes 250M`, `-m 1`, `-c 2`, `-t 60s`). */
export function parseStress(args: string[]): StressLoad {
  const load: StressLoad = { cpu: 0, vm: 0, vmBytes: 256 * 1024 ** 2 };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1] ?? '';
    switch (args[i]) {
      case '--cpu': case '-c': load.cpu = Number(value) || 0; i++; break;
      case '--vm': case '-m': load.vm = Number(value) || 0; i++; break;
      case '--vm-bytes': {
        const m = /^(\d+)([bkmg]?)$/i.exec(value);
        if (m) load.vmBytes = Number(m[1]) * UNITS[m[2].toLowerCase()];
        i++;
        break;
      }
      case '--timeout': case '-t': {
        const m = /^(\d+)([smhd]?)$/.exec(value);
        if (m) load.timeoutMs = Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] as number) * 1000;
        i++;
        break;
      }
    }
  }
  return load;
}

/** Memory the load holds (bytes) and CPU it burns (millicores), on top of the process itself. */
export function stressUsage(load: StressLoad): { cpuMillis: number; memoryBytes: number } {
  return { cpuMillis: load.cpu * 1000 + load.vm * 1000, memoryBytes: load.vm * load.vmBytes + 800_000 };
}

export const stress: Builtin = function* (argv) {
  const args = argv.slice(1);
  if (args.length === 0 || args.includes('--help')) {
    yield { type: 'stdout', text: '`stress\' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n' };
    return args.length === 0 ? 1 : 0;
  }
  const load = parseStress(args);
  yield { type: 'stdout', text: `stress: info: [1] dispatching hogs: ${load.cpu} cpu, 0 io, ${load.vm} vm, 0 hdd\n` };
  yield { type: 'call', name: 'process.usage', payload: stressUsage(load) };
  if (load.timeoutMs === undefined) {
    yield { type: 'sleep', ms: Infinity };
    return 0;
  }
  yield { type: 'sleep', ms: load.timeoutMs };
  yield { type: 'stdout', text: `stress: info: [1] successful run completed in ${load.timeoutMs / 1000}s\n` };
  return 0;
};
