/** `pilothouse run`: a script in, a transcript out. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCluster, type ProfileName } from '../engine/cluster/create';
import { Session } from '../cli/session';
import { runTranscript } from '../cli/transcript';
import { nodeFs } from './fs';

const HELP = `Usage: pilothouse run [--seed N] [--profile aks|plain] [--strict] [FILE|-]

Runs each command of FILE (or standard input) against a fresh simulated cluster and prints a
transcript: every command as "$ command", then what it printed. Lines starting with # are
comments; "sleep 90s" advances virtual time. Exits 0 when the script ran; with --strict, exits
with the status of the first command that fails.
`;

export function runCommand(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string', default: '1' },
        profile: { type: 'string', default: 'aks' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`pilothouse run: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const profile = values.profile as ProfileName;
  if (profile !== 'aks' && profile !== 'plain') {
    process.stderr.write(`pilothouse run: unknown profile "${values.profile}" (aks or plain)\n`);
    return 2;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) {
    process.stderr.write(`pilothouse run: --seed needs an integer\n`);
    return 2;
  }
  const file = positionals[0] ?? '-';
  let script: string;
  try {
    script = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`pilothouse run: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const sim = createCluster({ profile, seed });
  const fs = nodeFs(process.cwd());
  const session = new Session(sim, { fs, listDir: fs.listDir, cwd: process.cwd() });
  const result = runTranscript(session, script, {
    strict: values.strict,
    onOutput: (text) => process.stdout.write(text),
  });
  return result.status;
}
