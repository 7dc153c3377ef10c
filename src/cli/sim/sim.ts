/**
 * `sim`: the sandbox's own verbs, for what a real cluster would need a cloud console or a power
 * cable for — fail or recover a node, read the virtual clock.
 */
import type { Builtin, ShellEffect } from '../../engine/shell/types';
import type { Simulation } from '../../engine/sim/simulation';
import { formatRFC3339 } from '../../engine/util/time';
import { humanDuration } from '../../engine/util/duration';

interface NodeAgents {
  stopKubelet(node: string): void;
  startKubelet(node: string): void;
  kubeletAlive(node: string): boolean;
  /** Powers the VM on; returns when its kubelet will post status (engine/kubelet/reboot.ts). */
  powerOn?(node: string): number;
}

const USAGE = `Usage:
  sim node fail NODE       stop the node's VM: its kubelet stops posting status
  sim node recover NODE    start it again (waits for the VM to boot, about a minute)
  sim time                 print the virtual time
`;

export function simBuiltin(sim: Simulation): Builtin {
  const started = sim.now();
  return function* (argv): Generator<ShellEffect, number, unknown> {
    const [, noun, verb, name] = argv;
    if (noun === 'time' && argv.length === 2) {
      yield { type: 'stdout', text: `${formatRFC3339(sim.now())} (${humanDuration(sim.now() - started)} since the session started)\n` };
      return 0;
    }
    if (noun === 'node' && (verb === 'fail' || verb === 'recover') && name && argv.length === 4) {
      return yield* nodePower(sim, verb, name);
    }
    yield { type: 'stderr', text: (argv.length > 1 ? `sim: unknown command "${argv.slice(1).join(' ')}"\n` : '') + USAGE };
    return argv.length > 1 ? 1 : 0;
  };
}

function* nodePower(sim: Simulation, verb: 'fail' | 'recover', name: string): Generator<ShellEffect, number, unknown> {
  const agents = sim.component('kubelet') as unknown as NodeAgents | undefined;
  if (!agents || !sim.api.tryGet('nodes', undefined, name)) {
    yield { type: 'stderr', text: `sim: node "${name}" not found\n` };
    return 1;
  }
  const alive = agents.kubeletAlive(name);
  if (verb === 'fail') {
    if (!alive) {
      yield { type: 'stdout', text: `node/${name} is already down\n` };
      return 0;
    }
    agents.stopKubelet(name);
    sim.settle();
    yield { type: 'stdout', text: `node/${name} failed: its kubelet stopped posting status\n` };
    return 0;
  }
  if (alive) {
    yield { type: 'stdout', text: `node/${name} is already up\n` };
    return 0;
  }
  // Like `az vm start`, the command returns once the VM is up: here, once its kubelet has
  // booted and posts status (about a minute; Ctrl-C stops waiting, not the boot).
  const at = agents.powerOn ? agents.powerOn(name) : (agents.startKubelet(name), sim.now());
  while (!agents.kubeletAlive(name) && sim.now() < at) yield { type: 'sleep', ms: at - sim.now() };
  sim.settle();
  if (!agents.kubeletAlive(name)) {
    yield { type: 'stdout', text: `node/${name} is down: it was failed again while booting\n` };
    return 1;
  }
  yield { type: 'stdout', text: `node/${name} recovered: its kubelet is posting status again\n` };
  return 0;
}
