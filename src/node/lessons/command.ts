/** `pilothouse lessons check|new|pack`. */
import { parseArgs } from 'node:util';
import { CHECK_HELP, lessonsCheck } from './check';
import { PACK_HELP, lessonsPack } from './pack';
import { NEW_HELP, lessonsNew } from './scaffold';

const HELP = `Usage: pilothouse lessons <check|new|pack> [options]

  check [PATH...] [--verbose]   validate and solve lessons (default: every folder in ./lessons)
  new NAME [--dir lessons]      scaffold a lesson folder
  pack DIR [-o FILE]            write a lesson folder as one .lesson.json file
`;

const io = {
  out: (t: string) => void process.stdout.write(t),
  err: (t: string) => void process.stderr.write(t),
};

export function lessonsCommand(argv: string[]): number {
  const [sub, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        verbose: { type: 'boolean', short: 'v', default: false },
        dir: { type: 'string', default: 'lessons' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`pilothouse lessons ${sub ?? ''}: ${(e as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  switch (sub) {
    case 'check':
      if (values.help) return help(CHECK_HELP);
      return lessonsCheck(positionals, values.verbose, io);
    case 'new':
      if (values.help) return help(NEW_HELP);
      return lessonsNew(positionals[0], values.dir, io);
    case 'pack':
      if (values.help) return help(PACK_HELP);
      return lessonsPack(positionals[0], values.output, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return help(HELP);
    default:
      io.err(`pilothouse lessons: unknown command "${sub}"\n\n${HELP}`);
      return 2;
  }
}

function help(text: string): number {
  io.out(text);
  return 0;
}
