import { describe, expect, it } from 'vitest';
import { formatRFC3339 } from '../engine/util/time';
import { createLessonCluster } from './cluster';
import { LessonRunner } from './runner';
import { lessonOf, smallLesson } from './testing';

const LESSON = smallLesson(`## Stage a change

\`\`\`lesson
events:
  - kubectl create deployment web --image=nginx:1.27
  - run: kubectl create namespace later
    after: 90s
  - run: kubectl scale deployment web --replicas=2
    after: 30s
checks:
  - object: deployment/web
    field: '{.status.readyReplicas}'
    equals: '3'
    why: '{{observed}} of 3 ready'
hints:
  - First hint.
  - Second hint.
solution:
  - kubectl scale deployment web --replicas=3
  - wait: 1m
  - wait: quiet
quiz:
  - question: Who makes the pods?
    multiple: true
    choices:
      - { text: The ReplicaSet controller, correct: true, explain: It creates them. }
      - { text: The kubelet, explain: It runs them. }
      - { text: The API server, correct: true, explain: It stores them. }
predict:
  - question: How many replicas 30 s from now?
    choices: ['1', '2']
    answer: '2'
    after: 45s
    run: kubectl get deployment web -o jsonpath='{.spec.replicas}'
\`\`\`

## Read

The end.
`);

function start() {
  const lesson = lessonOf(LESSON);
  const sim = createLessonCluster(lesson);
  return { lesson, sim, runner: new LessonRunner(lesson, sim) };
}

describe('LessonRunner', () => {
  it('fires events as the step opens and later ones at their virtual due time', () => {
    const { sim, runner } = start();
    const opened = sim.now();
    const now = runner.openStep(0);
    expect(now).toEqual([{ command: 'kubectl create deployment web --image=nginx:1.27', output: 'deployment.apps/web created\n', exitCode: 0 }]);
    expect(runner.progress.pending).toEqual([
      { run: 'kubectl create namespace later', at: opened + 90_000 },
      { run: 'kubectl scale deployment web --replicas=2', at: opened + 30_000 },
    ]);
    expect(runner.nextEventAt()).toBe(opened + 30_000);
    sim.advanceTo(opened + 29_999);
    expect(runner.fireDue()).toEqual([]);
    sim.advanceTo(runner.nextEventAt()!);
    expect(runner.fireDue().map((e) => e.output)).toEqual(['deployment.apps/web scaled\n']);
    sim.advanceTo(runner.nextEventAt()!);
    expect(runner.fireDue().map((e) => e.command)).toEqual(['kubectl create namespace later']);
    expect(sim.api.get('namespaces', undefined, 'later').metadata.creationTimestamp).toBe(formatRFC3339(opened + 90_000));
    expect(runner.nextEventAt()).toBeUndefined();
  });

  it('evaluates checks read-only and completes the step for good once they pass', () => {
    const { sim, runner } = start();
    runner.openStep(0);
    sim.runUntilQuiet();
    const before = sim.now();
    expect(runner.evaluate()).toEqual([{ title: "deployment/web {.status.readyReplicas}: 3", passed: false, observed: '1', why: '1 of 3 ready' }]);
    expect(sim.now()).toBe(before);
    expect(runner.stepProgress.completed).toBe(false);
    runner.fireDue();
    sim.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 3 } });
    sim.runUntilQuiet();
    expect(runner.evaluate().every((s) => s.passed)).toBe(true);
    expect(runner.stepProgress.completed).toBe(true);
    sim.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 1 } });
    sim.runUntilQuiet();
    expect(runner.evaluate()[0].passed).toBe(false);
    expect(runner.stepProgress.completed).toBe(true);
    runner.revealHint();
    runner.openStep(0);
    expect(runner.stepProgress).toMatchObject({ completed: true, hintsShown: 0 });
  });

  it('a step without checks is complete once opened, and completing the last step finishes the lesson', () => {
    const { runner } = start();
    expect(runner.openStep(1)).toEqual([]);
    expect(runner.stepProgress.completed).toBe(true);
    expect(runner.progress.finished).toBe(true);
    expect(runner.evaluate()).toEqual([]);
  });

  it('reveals hints one at a time, shows the solution and writes it as a script', () => {
    const { runner } = start();
    runner.openStep(0);
    expect([runner.revealHint(), runner.revealHint(), runner.revealHint()]).toEqual(['First hint.', 'Second hint.', undefined]);
    expect(runner.showSolution()).toEqual([{ run: 'kubectl scale deployment web --replicas=3' }, { wait: 60_000 }, { waitUntilQuiet: true }]);
    expect(runner.stepProgress.solutionShown).toBe(true);
    expect(runner.solutionScript()).toBe('kubectl scale deployment web --replicas=3\nsleep 1m\n# then let time run until the cluster is quiet\n');
  });

  it('judges quizzes: every correct choice and nothing else', () => {
    const { runner } = start();
    runner.openStep(0);
    expect(runner.answerQuiz(0, [0])).toEqual({ correct: false, explanations: ['It creates them.'] });
    expect(runner.answerQuiz(0, [2, 0])).toEqual({ correct: true, explanations: ['It creates them.', 'It stores them.'] });
    expect(runner.stepProgress.quiz).toEqual({ 0: [0, 2] });
  });

  it('observes a prediction after its delay', () => {
    const { sim, runner } = start();
    runner.openStep(0);
    const asked = sim.now();
    expect(runner.predict(0, '2')).toBe(asked + 45_000);
    expect(runner.nextEventAt()).toBe(asked + 30_000);
    sim.advanceTo(asked + 30_000);
    runner.fireDue();
    expect(runner.nextEventAt()).toBe(asked + 45_000);
    expect(runner.stepProgress.predict[0].observed).toBeUndefined();
    sim.advanceTo(asked + 45_000);
    runner.fireDue();
    expect(runner.stepProgress.predict[0]).toEqual({ choice: '2', askedAt: asked, observed: '2' });
  });

  it('resumes from its progress as plain JSON', () => {
    const { lesson, sim, runner } = start();
    runner.openStep(0);
    runner.revealHint();
    runner.predict(0, '1');
    const saved = JSON.parse(JSON.stringify(runner.progress));
    const resumed = new LessonRunner(lesson, sim, { progress: saved });
    expect(resumed.progress).toEqual(runner.progress);
    expect(resumed.nextEventAt()).toBe(runner.nextEventAt());
    expect(resumed.revealHint()).toBe('Second hint.');
    sim.advance(60_000);
    expect(resumed.fireDue().map((e) => e.command)).toEqual(['kubectl scale deployment web --replicas=2']);
    expect(resumed.stepProgress.predict[0].observed).toBe('2');
  });
});
