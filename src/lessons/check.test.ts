import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson } from './check';
import { parseLesson } from './parse';
import { lessonOf, smallLesson } from './testing';

function fixture(slug: string) {
  const { lesson, problems } = parseLesson({ slug, files: { 'lesson.md': readFileSync(new URL(`./fixtures/${slug}/lesson.md`, import.meta.url), 'utf8') } });
  expect(problems).toEqual([]);
  return lesson!;
}

describe('checkLesson', () => {
  it('solves a lesson whose solutions make its checks pass', () => {
    const r = checkLesson(fixture('passes'));
    expect(r.failure).toBeUndefined();
    expect(r.passed).toBe(true);
    expect(r.steps.map((s) => [s.id, s.passed])).toEqual([
      ['create-the-deployment', true],
      ['scale', true],
      ['read-about-it', true],
    ]);
    expect(r.virtualMs).toBe(r.steps.reduce((t, s) => t + s.virtualMs, 0));
    expect(r.transcript).toContain('$ kubectl apply -f web.yaml\ndeployment.apps/web created\n');
    expect(r.transcript).toContain('# prediction 1: How many pods run now, before you scale? → observed "2"');
  });

  it('fails a step whose checks pass before its solution ran', () => {
    const r = checkLesson(fixture('passes-early'));
    expect(r.passed).toBe(false);
    expect(r.failure).toMatchObject({ step: 0, title: 'Look at the nodes', message: expect.stringContaining('its checks pass before the solution ran') });
    expect(r.transcript).not.toContain('$ kubectl get nodes');
  });

  it('fails a wrong solution with the checks\' why-not-yet and the transcript tail', () => {
    const r = checkLesson(fixture('wrong-solution'));
    expect(r.passed).toBe(false);
    expect(r.failure!.step).toBe(0);
    expect(r.failure!.message).toContain('its checks did not pass within 2m after the solution');
    expect(r.failure!.message).toContain('`web` has 2 of 3 replicas ready');
    expect(r.failure!.message).toContain('$ kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(r.steps[0].virtualMs).toBe(120_000);
  });

  it('fails a solution command that exits non-zero', () => {
    const lesson = lessonOf(smallLesson("## Go\n\n```lesson\nchecks:\n  - object: deployment/web\n    exists: true\nsolution:\n  - kubectl scale deployment web --replicas=2\n```\n"));
    expect(checkLesson(lesson).failure?.message).toMatch(/^solution command `kubectl scale deployment web --replicas=2` exited with status 1/);
  });

  it('fires scripted events while the solution waits, and checks the predictions', () => {
    const md = smallLesson(`## A node fails

\`\`\`lesson
events:
  - run: sim node fail node-1
    after: 10s
checks:
  - object: node/node-1
    field: '{.status.conditions[?(@.type=="Ready")].status}'
    equals: Unknown
    why: 'node-1 is still Ready={{observed}}'
predict:
  - question: What will its STATUS be 2 minutes from now?
    choices: [Ready, NotReady]
    answer: NotReady
    after: 2m
    run: kubectl get node node-1 --no-headers | awk '{print $2}'
solution:
  - wait: 1m
\`\`\`
`, 'profile: plain\n  seed: 2\n  nodes: 2');
    const r = checkLesson(lessonOf(md));
    expect(r.failure).toBeUndefined();
    expect(r.transcript).toContain('# event: sim node fail node-1\nnode/node-1 failed');
    expect(r.transcript).toContain('→ observed "NotReady"');
  });

  it('says how to fix a prediction answered at the wrong moment', () => {
    const md = smallLesson(`## Run a pod

\`\`\`lesson
checks:
  - object: pod/hello
    field: '{.status.phase}'
    equals: Running
predict:
  - question: What will its STATUS be 30 seconds after you run it?
    choices: [Pending, Running]
    answer: Running
    after: 30s
    run: kubectl get pod hello --no-headers | awk '{print $3}'
solution:
  - kubectl run hello --image=nginx:1.27
\`\`\`
`);
    const before = checkLesson(lessonOf(md));
    expect(before.failure?.message).toContain('add "ask: after-solution"');
    const after = checkLesson(lessonOf(md.replace('    after: 30s', '    after: 30s\n    ask: after-solution')));
    expect(after.failure).toBeUndefined();
  });

  it('reports a starting cluster whose setup fails', () => {
    const lesson = lessonOf(smallLesson('## S\n', 'profile: plain\n  nodes: 1\n  setup:\n    - kubectl apply -f missing.yaml'));
    const r = checkLesson(lesson);
    expect(r.failure).toMatchObject({ step: -1, title: 'starting cluster', message: expect.stringContaining('the path "missing.yaml" does not exist') });
  });
});
