/**
 * The layer rule of ARCHITECTURE.md, checked from the sources: every relative import must point
 * the allowed way (ui → protocol ← worker → lessons → cli → engine; node → lessons → cli → engine).
 * The eslint rules say the same; this test also catches what a lint config could miss.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

const ALLOWED: Record<string, string[]> = {
  engine: ['engine'],
  cli: ['cli', 'engine'],
  lessons: ['lessons', 'cli', 'engine'],
  protocol: ['protocol', 'engine'],
  worker: ['worker', 'protocol', 'lessons', 'cli', 'engine'],
  node: ['node', 'lessons', 'cli', 'engine'],
  ui: ['ui', 'protocol'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

function layerOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0];
}

describe('layer dependencies', () => {
  const files = sources(SRC).filter((f) => layerOf(f) in ALLOWED);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('only imports along the allowed direction', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
        const isType = !!m[2];
        const target = layerOf(resolve(dirname(file), m[3]));
        if (!(target in ALLOWED)) continue;
        if (ALLOWED[layer].includes(target)) continue;
        if (isType && layer === 'ui' && ['engine', 'cli', 'lessons'].includes(target)) continue;
        violations.push(`${relative(SRC, file)} imports ${m[3]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the wall clock and Math.random out of the pure layers', () => {
    const hits: string[] = [];
    for (const file of files.filter((f) => ['engine', 'cli', 'lessons'].includes(layerOf(f)) && !f.endsWith('.test.ts'))) {
      if (file.endsWith(join('engine', 'util', 'time.ts'))) continue;
      const text = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      if (/\bDate\.now\s*\(|\bnew Date\s*\(|\bMath\.random\s*\(|\bsetTimeout\s*\(|\bsetInterval\s*\(/.test(text)) hits.push(relative(SRC, file));
    }
    expect(hits).toEqual([]);
  });
});
