/**
 * Typed reads of a YAML mapping with problems for whatever is wrong: unknown keys (with the
 * nearest known one, since teachers make typos), wrong types, bad durations.
 */
import { parseLessonDuration } from './duration';
import type { YamlPath, YamlSource } from './yamlSource';

export class Fields {
  private constructor(
    readonly src: YamlSource,
    readonly path: YamlPath,
    readonly value: Record<string, unknown>,
  ) {}

  /** The mapping at `path`, or undefined (and a problem) when it is something else. */
  static of(src: YamlSource, path: YamlPath, value: unknown, allowed: readonly string[], what: string): Fields | undefined {
    const colon = colonProblem(value, allowed);
    if (colon) {
      src.problem(path, colon);
      return undefined;
    }
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
      src.problem(path, `${what} must be a mapping of keys (${allowed.join(', ')})`);
      return undefined;
    }
    const fields = new Fields(src, path, value as Record<string, unknown>);
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const near = nearest(key, allowed);
      src.problem([...path, key], `unknown key "${key}" in ${what}${near ? ` (did you mean "${near}"?)` : ''}; known keys: ${allowed.join(', ')}`, true);
    }
    return fields;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  at(key: string | number): YamlPath {
    return [...this.path, key];
  }

  problem(key: string, message: string): void {
    this.src.problem(this.at(key), message);
  }

  /** Text; a plain scalar YAML 1.1 read as a number, boolean or date is taken as written. */
  str(key: string, required = false): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.src.problem(this.path, `missing "${key}"`);
      return undefined;
    }
    if (typeof v === 'string') return v;
    const text = this.src.sourceText(this.at(key));
    if (text !== undefined) return text;
    this.problem(key, `"${key}" must be text`);
    return undefined;
  }

  int(key: string, min: number): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      this.problem(key, `"${key}" must be a whole number${min > 0 ? ` of at least ${min}` : ' (0 or more)'}`);
      return undefined;
    }
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.problem(key, `"${key}" must be true or false`);
      return undefined;
    }
    return v;
  }

  duration(key: string): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (v === 0) return 0;
    const ms = typeof v === 'string' ? parseLessonDuration(v) : undefined;
    if (ms === undefined) this.problem(key, `"${key}" must be a duration with a unit, like 30s, 5m or 1h30m`);
    return ms;
  }

  /** A list (a single item is taken as a list of one). */
  list(key: string): unknown[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
  }

  strList(key: string): string[] {
    const out: string[] = [];
    this.list(key).forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number' || typeof item === 'boolean') out.push(this.src.sourceText([...this.at(key), i]) ?? String(item));
      else this.src.problem(Array.isArray(this.value[key]) ? [...this.at(key), i] : this.at(key), colonProblem(item, []) ?? `"${key}" items must be text`);
    });
    return out;
  }

  oneOf<T extends string | number>(key: string, values: readonly T[]): T | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (values.includes(v as T)) return v as T;
    this.problem(key, `"${key}" must be one of ${values.join(', ')}`);
    return undefined;
  }
}

/**
 * Text with ": " in it (`- kubectl annotate deploy/web change-cause="v2: faster"`) reads as a
 * one-key mapping in YAML: say so, rather than report an unknown key nobody wrote.
 */
export function colonProblem(value: unknown, allowed: readonly string[]): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || allowed.includes(keys[0]) || !/\s/.test(keys[0])) return undefined;
  return `this reads as YAML "key: value" because of the ": " in "${keys[0]}: …"; put the whole text in quotes`;
}

/** The known key a typo most likely meant (edit distance at most 2), if any. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
