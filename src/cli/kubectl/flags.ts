/**
 * A pflag-like parser driven by one flag spec per command, so the same spec serves parsing,
 * Tab completion and help. Flags may appear anywhere, as `--flag=v`, `--flag v`, `-f v`, `-fv`,
 * and booleans combine (`-it`); `--` ends flags. Errors carry pflag's wording.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** For bool-like flags that also take a value (`--dry-run` means `--dry-run=unchanged`). */
  noOptDefault?: string;
  usage?: string;
  hidden?: boolean;
}

export interface ParsedFlags {
  values: Map<string, string | number | boolean | string[]>;
  /** Flags the user actually gave. */
  changed: Set<string>;
  args: string[];
  /** Arguments after `--`. */
  dashArgs: string[] | undefined;
}

export class FlagError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | number | boolean | string[]>();
  for (const s of specs) if (s.default !== undefined) values.set(s.name, s.default);
  const changed = new Set<string>();
  const args: string[] = [];
  let dashArgs: string[] | undefined;

  const set = (spec: FlagSpec, raw: string, shown: string) => {
    changed.add(spec.name);
    values.set(spec.name, convert(spec, raw, shown, changed.has(spec.name) ? values.get(spec.name) : undefined));
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dashArgs = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') set(spec, 'true', `--${name}`);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, `--${name}`);
      else if (i + 1 < argv.length) set(spec, argv[++i], `--${name}`);
      else throw new FlagError(`flag needs an argument: --${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), `-${c}`);
            break;
          }
          set(spec, 'true', `-${c}`);
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${c}`);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, `-${c}`);
        else if (i + 1 < argv.length) set(spec, argv[++i], `-${c}`);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
    } else {
      args.push(a);
    }
  }
  return { values, changed, args, dashArgs };
}

function convert(spec: FlagSpec, raw: string, shown: string, previous: unknown): string | number | boolean | string[] {
  const flagName = `--${spec.name}`;
  switch (spec.type) {
    case 'bool': {
      const v = parseBool(raw);
      if (v === undefined) throw new FlagError(`invalid argument "${raw}" for "${shortAndLong(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return v;
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${shortAndLong(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    }
    case 'stringArray':
      return [...((previous as string[] | undefined) ?? []), raw];
    default:
      void shown;
      void flagName;
      return raw;
  }
}

function shortAndLong(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  return undefined;
}

/** Typed accessors over the parsed values. */
export class Flags {
  constructor(private readonly parsed: ParsedFlags) {}

  get args(): string[] {
    return this.parsed.args;
  }

  get dashArgs(): string[] | undefined {
    return this.parsed.dashArgs;
  }

  string(name: string): string {
    return String(this.parsed.values.get(name) ?? '');
  }

  bool(name: string): boolean {
    return this.parsed.values.get(name) === true;
  }

  int(name: string): number {
    return Number(this.parsed.values.get(name) ?? 0);
  }

  strings(name: string): string[] {
    return (this.parsed.values.get(name) as string[] | undefined) ?? [];
  }

  changed(name: string): boolean {
    return this.parsed.changed.has(name);
  }
}
