import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonsCheck } from './check';
import { lessonsPack } from './pack';
import { lessonsNew } from './scaffold';

const FIXTURES = fileURLToPath(new URL('../../lessons/fixtures', import.meta.url));

function capture() {
  let text = '';
  const io = { out: (t: string) => void (text += t), err: (t: string) => void (text += t) };
  return { io, text: () => text };
}

describe('pilothouse lessons check', () => {
  it('checks every lesson folder: one line per lesson, then the totals', () => {
    const c = capture();
    expect(lessonsCheck([], false, c.io, FIXTURES)).toBe(1);
    const lines = c.text().split('\n');
    expect(lines).toContain('PASS  passes  3 steps, 33s virtual');
    expect(lines.filter((l) => /^(PASS|FAIL) /.test(l)).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['PASS passes', 'FAIL passes-early', 'FAIL wrong-solution']);
    expect(c.text()).toContain('FAIL  wrong-solution  step 1 "Run three replicas": its checks did not pass within 2m after the solution:\n');
    expect(c.text()).toMatch(/\n1 passed, 2 failed\n$/);
  });

  it('reports a lesson file\'s problems with their lines, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'lesson.md'), '---\ntitle: B\nsummary: S\nduration: 1m\nprerequisites: [nope]\n---\n## S\n\n```lesson\nchecks:\n  - run: kubectl delete pod x\n```\n');
    const c = capture();
    expect(lessonsCheck([join(dir, 'broken')], false, c.io, dir)).toBe(1);
    expect(c.text()).toBe(
      'FAIL  broken  2 problems in the lesson file\n' +
        '      lesson.md:11: steps[0].checks[0].run: check command runs "kubectl delete", which is not a read: a check may use kubectl get, describe, logs, api-resources, api-versions, version, cluster-info, top, events, explain, config view, rollout status|history, auth can-i\n' +
        '      prerequisites[0]: no lesson is called "nope"\n' +
        '0 passed, 1 failed\n',
    );
  });
});

describe('pilothouse lessons new and pack', () => {
  it('scaffolds a lesson that passes the check, then packs it into a bundle that passes too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    const c = capture();
    expect(lessonsNew('first-steps', dir, c.io)).toBe(0);
    expect(lessonsNew('first-steps', dir, c.io)).toBe(1);
    expect(lessonsNew('First_Steps', dir, c.io)).toBe(2);
    expect(c.text()).toContain('already exists');
    expect(c.text()).toContain('is not kebab-case');
    const checked = capture();
    expect(lessonsCheck([], false, checked.io, dir)).toBe(0);
    expect(checked.text()).toMatch(/^PASS {2}first-steps {2}2 steps, \d+s virtual\n1 passed, 0 failed\n$/);

    writeFileSync(join(dir, 'first-steps', 'diagram.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]));
    const out = join(dir, 'first.lesson.json');
    expect(lessonsPack(join(dir, 'first-steps'), out, capture().io)).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle).toMatchObject({ format: 'pilothouse-lesson', version: 1, slug: 'first-steps' });
    expect(bundle.files['diagram.png']).toBe('data:image/png;base64,iVBORwAB');
    expect(bundle.files['lesson.md']).toContain('title: First steps');
    const again = capture();
    expect(lessonsCheck([out], false, again.io, dir)).toBe(0);
  });
});
