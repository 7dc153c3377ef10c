/**
 * `kill` inside a container: the busybox applet and ash builtin, bash's and dash's builtins
 * (Debian images have no /bin/kill: procps is not installed). The command only checks the PID
 * exists among the container's processes; a signal to PID 1 goes to the host as a
 * `proc.signal` call {pid, signal} (the kubelet decides what the main process does with it: a
 * PID namespace's init only gets the signals it has handlers for). Other PIDs are the exec
 * sessions' own short-lived processes: signalling them changes nothing here.
 */
import type { Builtin, BuiltinIO, ShellEffect } from '../../shell/types';
import type { ToolContext } from './execTools';

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];

const err = (text: string): ShellEffect => ({ type: 'stderr', text });

/** `9`, `KILL`, `SIGKILL`, `kill` → `KILL`; undefined when it is no signal. */
export function signalName(spec: string): string | undefined {
  if (/^\d+$/.test(spec)) return SIGNALS[Number(spec) - 1] ?? (spec === '0' ? '0' : undefined);
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.includes(name) ? name : undefined;
}

type Flavour = 'busybox' | 'ash' | 'dash' | 'bash';

function flavourOf(ctx: ToolContext, io: BuiltinIO): Flavour {
  const standalone = /(^|\/)kill$/.test(io.shell.argv0);
  if (ctx.userland === 'busybox') return standalone ? 'busybox' : 'ash';
  return io.dialect === 'bash' ? 'bash' : 'dash';
}

function badSignal(f: Flavour, spec: string): string {
  if (f === 'bash') return `bash: kill: ${spec}: invalid signal specification\n`;
  if (f === 'dash') return `sh: 1: kill: invalid signal number or name: ${spec}\n`;
  return `${f === 'ash' ? 'sh' : 'kill'}: bad signal name '${spec}'\n`;
}

function noSuchProcess(f: Flavour, pid: string): string {
  if (f === 'bash') return `bash: kill: (${pid}) - No such process\n`;
  if (f === 'dash') return 'sh: 1: kill: No such process\n';
  return `${f === 'ash' ? 'sh' : 'kill'}: can't kill pid ${pid}: No such process\n`;
}

function usage(f: Flavour): string {
  if (f === 'bash') return 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';
  if (f === 'dash') return 'sh: 1: kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n';
  return 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n';
}

export function kill(ctx: ToolContext): Builtin {
  return function* (argv, io) {
    const f = flavourOf(ctx, io);
    const args = argv.slice(1);
    let signal = 'TERM';
    if (args[0] === '-l' || args[0] === '-L') {
      yield { type: 'stdout', text: SIGNALS.map((s, i) => `${String(i + 1).padStart(2)}) ${s}\n`).join('') };
      return 0;
    }
    if (args[0] === '-s' || args[0] === '-n') {
      args.shift();
      const spec = args.shift() ?? '';
      const name = signalName(spec);
      if (!name) return (yield err(badSignal(f, spec)), 1);
      signal = name;
    } else if (args[0] && args[0] !== '--' && args[0].startsWith('-') && args[0].length > 1) {
      const spec = args.shift()!.slice(1);
      const name = signalName(spec);
      if (!name) return (yield err(badSignal(f, spec)), 1);
      signal = name;
    }
    if (args[0] === '--') args.shift();
    if (args.length === 0) return (yield err(usage(f)), f === 'bash' || f === 'dash' ? 2 : 1);
    const pids = new Set(ctx.processes().map((p) => p.pid));
    let status = 0;
    for (const a of args) {
      if (!/^\d+$/.test(a)) {
        yield err(f === 'bash' ? `bash: kill: ${a}: arguments must be process or job IDs\n` : f === 'dash' ? `sh: 1: kill: Illegal number: ${a}\n` : `${f === 'ash' ? 'sh' : 'kill'}: invalid number '${a}'\n`);
        status = 1;
      } else if (!pids.has(Number(a))) {
        yield err(noSuchProcess(f, a));
        status = 1;
      } else if (Number(a) === 1 && signal !== '0') {
        yield { type: 'call', name: 'proc.signal', payload: { pid: 1, signal } };
      }
    }
    return status;
  };
}
