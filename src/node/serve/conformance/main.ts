/**
 * `npm run conformance`: our kubectl against the real kubectl 1.34 on the same seeded cluster,
 * command by command, over every script in scripts/; then `kubectl get pods -w` during a rollout,
 * and the real Helm installing, upgrading, rolling back and uninstalling charts/hello (helm.ts).
 * Prints each difference with both outputs, and ends with the plain line `N passed, N failed`
 * (differences a script explains with `# known: …` are listed apart and not counted as failures).
 * Options: --only NAME (scripts whose file name contains NAME), --verbose (print every command),
 * --full (both outputs in full rather than a line diff).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHelm } from './helm';
import { findHelm } from './helmBinary';
import { findKubectl } from './kubectlBinary';
import { lineDiff } from './lineDiff';
import { normalise } from './normalise';
import { runScript, type CommandResult, type Output } from './runner';
import { checkWatchDuringRollout } from './watch';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../../..');
const SCRIPTS = join(HERE, 'scripts');

function show(label: string, o: Output): string {
  const body = [o.stdout && normalise(o.stdout), o.stderr && `[stderr]\n${o.stderr}`].filter(Boolean).join('') || '(no output)\n';
  return `  --- ${label} (exit ${o.exitCode})\n${body.replace(/^/gm, '  | ').replace(/\| $/, '')}`;
}

function report(r: CommandResult, full: boolean): string {
  const head = `${r.known ? 'KNOWN' : 'FAIL'} ${r.script}: $ ${r.command.split('\n')[0]}\n${r.known ? `  why: ${r.known}\n` : ''}`;
  if (full) return head + show('ours', r.ours) + show('real kubectl', r.theirs);
  const text = (o: Output) => `${normalise(o.stdout, r.command)}[stderr]\n${normalise(o.stderr, r.command)}[exit ${o.exitCode}]`;
  return `${head}  (- ours, + real kubectl)\n${lineDiff(text(r.ours), text(r.theirs)).replace(/^/gm, '  ')}`;
}

async function main(argv: string[]): Promise<number> {
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const verbose = argv.includes('--verbose');
  const full = argv.includes('--full');
  const kubectl = findKubectl(ROOT);
  if (!('source' in kubectl)) {
    process.stdout.write(`conformance: skipped — ${kubectl.why}\n0 passed, 0 failed\n`);
    return 0;
  }
  process.stdout.write(`conformance: real kubectl from ${kubectl.source} (${kubectl.path})\n`);
  const files = readdirSync(SCRIPTS).filter((f) => f.endsWith('.txt') && (!only || f.includes(only))).sort();
  const results: CommandResult[] = [];
  for (const file of files) {
    const rs = await runScript(file, readFileSync(join(SCRIPTS, file), 'utf8'), { kubectl: kubectl.path, cwd: SCRIPTS });
    const bad = rs.filter((r) => !r.same);
    process.stdout.write(`${file}: ${rs.length - bad.length}/${rs.length} the same\n`);
    for (const r of verbose ? rs : bad) process.stdout.write(r.same ? `ok   $ ${r.command.split('\n')[0]}\n` : report(r, full));
    results.push(...rs);
  }
  let passed = results.filter((r) => r.same).length;
  const known = results.filter((r) => !r.same && r.known);
  let failed = results.filter((r) => !r.same && !r.known).length;
  if (!only) {
    const watch = await checkWatchDuringRollout(kubectl.path);
    process.stdout.write(`watch: kubectl get pods -w during a rollout: ${watch.ok ? 'ok' : `FAIL (${watch.problems.join('; ')})`}\n`);
    if (verbose || !watch.ok) process.stdout.write(watch.output.replace(/^/gm, '  | ') + '\n');
    if (watch.ok) passed++;
    else failed++;
    const helm = findHelm(ROOT);
    if (!('source' in helm)) process.stdout.write(`helm: skipped — ${helm.why}\n`);
    else {
      const h = await checkHelm(helm.path);
      process.stdout.write(`helm: install, list, upgrade, rollback, uninstall of charts/hello with helm ${helm.version}: ${h.ok ? 'ok' : `FAIL (${h.problems.join('; ')})`}\n`);
      if (verbose || !h.ok) process.stdout.write(h.output.replace(/^/gm, '  | ') + '\n');
      if (h.ok) passed++;
      else failed++;
    }
  }
  const distinct = new Set(results.filter((r) => /^\s*kubectl\b/.test(r.command)).map((r) => r.command)).size;
  process.stdout.write(`\n${distinct} distinct kubectl invocations; ${known.length} known differences (explained in the scripts)\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
