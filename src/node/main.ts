/**
 * `pilothouse`: the engine and the command language in Node, for scripts, tests, lesson authors
 * and benchmarks.
 */
import { readFileSync } from 'node:fs';
import { runBench } from './bench';
import { lessonsCommand } from './lessons/command';
import { runCommand } from './run';
import { execCommand, serveCommand } from './serve/command';

const USAGE = `Usage: pilothouse <command> [options]

Commands:
  run [--seed N] [--profile aks|plain] [--strict] [FILE|-]
                 run a script of commands against a fresh simulated cluster and print the transcript
  serve [--port 6443] [--profile aks|plain] [--seed N] [--speed 1|10|60|0] [--kubeconfig-out FILE]
                 put a simulated cluster behind the Kubernetes API on 127.0.0.1 for the real kubectl
  exec [--kubeconfig FILE | --port N] -- COMMAND...
                 run a sandbox command (sim node fail NODE, sleep 5m) on a running serve
  lessons check [PATH...] [--verbose] | new NAME [--dir lessons] | pack DIR [-o FILE]
                 validate and solve lessons, scaffold a new one, or pack one into a single file
  bench [--json] [--only NAME]
                 run the engine benchmarks and print their figures
  version        print the version

Run 'pilothouse run --help' for details.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return runCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case 'exec':
      return execCommand(rest);
    case 'lessons':
      return lessonsCommand(rest);
    case 'bench':
      return runBench(rest);
    case 'version':
    case '--version': {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      process.stdout.write(`pilothouse ${pkg.version} (Kubernetes v1.34)\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`pilothouse: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
