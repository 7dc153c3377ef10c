import { describe, expect, it } from 'vitest';
import type { FullState, LessonFiles, LessonView, Message } from '../protocol/messages';
import { createInProcessWorker } from './inProcess';
import { memoryStorage } from './storage';
import { flushMicrotasks, manualTimers, TestClient } from './testing';

const LESSON = `---
title: Web basics
summary: A small lesson for the Worker's tests.
level: beginner
duration: 5m
tags: [test]
cluster:
  profile: aks
  seed: 3
  nodes: 2
speed: 1
---

Welcome.

## Create the Deployment

\`\`\`sh
kubectl create deployment web --image=nginx --replicas=2
\`\`\`

\`\`\`lesson
checks:
  - object: deployment/web
    field: '{.status.availableReplicas}'
    number: '>= 2'
    why: '\`web\` has {{observed}} of 2 replicas available'
hints:
  - Use kubectl create deployment.
  - With --replicas=2.
solution:
  - kubectl create deployment web --image=nginx --replicas=2
  - wait: quiet
\`\`\`

## Something happens

\`\`\`lesson
id: later
events:
  - run: kubectl label deployment web stage=two
    after: 30s
checks:
  - object: deployment/web
    field: '{.metadata.labels.stage}'
    equals: two
    why: 'the label is {{observed}}'
\`\`\`
`;

const SOURCE: LessonFiles = { slug: 'web-basics', files: { 'lesson.md': LESSON } };

async function booted(storage = memoryStorage()) {
  const timers = manualTimers();
  const worker = createInProcessWorker({ timers, storage, tickMs: 50 });
  const client = new TestClient(worker);
  const state = await client.request('boot', { speed: 1, history: [], files: {} });
  return { client, timers, storage, worker, state };
}

function names(full: FullState, resource: string): string[] {
  return (full.objects[resource] ?? []).filter((o) => (o.metadata.namespace ?? 'default') === 'default').map((o) => o.metadata.name).sort();
}

function lastLesson(messages: Message[]): LessonView | null | undefined {
  let v: LessonView | null | undefined;
  for (const m of messages) if (m.type === 'lesson') v = m.lesson;
  return v;
}

async function run(client: TestClient, input: string) {
  expect(await client.request('run', { input })).toEqual({ exitCode: 0 });
}

describe('lessons in the Worker', () => {
  it('lists the catalogue with metadata and no progress yet', async () => {
    const { client, worker } = await booted();
    const { lessons, current } = await client.request('lessonCatalogue', { sources: [SOURCE, { slug: 'broken', files: { 'lesson.md': 'no front matter' } }] });
    expect(current).toBeNull();
    expect(lessons[0]).toMatchObject({ slug: 'web-basics', title: 'Web basics', level: 'beginner', duration: '5m', tags: ['test'], steps: 2 });
    expect(lessons[0].progress).toBeUndefined();
    expect(lessons[1].problems?.length).toBeGreaterThan(0);
    worker.terminate();
  });

  it('opens a lesson on its own cluster; the checks pass once the learner has done the step', async () => {
    const { client, timers, worker } = await booted();
    const { full, lesson } = await client.request('lessonOpen', { source: SOURCE });
    expect(names(full, 'nodes')).toHaveLength(2);
    expect(lesson!.step).toBe(0);
    expect(lesson!.steps[0].hints).toEqual([]); // hints stay in the Worker until asked for
    expect(lesson!.checks).toEqual([expect.objectContaining({ passed: false, why: expect.stringContaining('`web` has') })]);

    await run(client, 'kubectl create deployment web --image=nginx --replicas=2');
    await client.request('skipAhead', {});
    timers.advance(300); // checks are evaluated on the clock's tick, at most 4 times a second
    await flushMicrotasks();
    const view = lastLesson(client.messages)!;
    expect(view.checks).toEqual([expect.objectContaining({ passed: true })]);
    expect(view.steps[0].completed).toBe(true);

    const hinted = await client.request('lessonHint', {});
    expect(hinted.steps[0].hints).toEqual(['Use kubectl create deployment.']);
    const { solution } = await client.request('lessonSolution', {});
    expect(solution).toEqual([{ run: 'kubectl create deployment web --image=nginx --replicas=2' }, { waitUntilQuiet: true }]);
    worker.terminate();
  });

  it('fires a scripted event when virtual time reaches it, and skip ahead stops there', async () => {
    const { client, timers, worker } = await booted();
    await client.request('lessonOpen', { source: SOURCE });
    await run(client, 'kubectl create deployment web --image=nginx --replicas=2');
    await client.request('skipAhead', {});
    const opened = await client.request('lessonGoto', { step: 1 });
    const due = opened.pending[0].at;
    expect(opened.events).toEqual([]);

    await client.request('setSpeed', { speed: 10 });
    timers.advance(2900); // 29 virtual seconds
    await flushMicrotasks();
    expect(lastLesson(client.messages)!.events).toEqual([]);
    timers.advance(200);
    await flushMicrotasks();
    const fired = lastLesson(client.messages)!;
    expect(fired.events).toEqual([expect.objectContaining({ command: 'kubectl label deployment web stage=two', exitCode: 0, at: due })]);
    expect(fired.pending).toEqual([]);
    expect(fired.checks[0].passed).toBe(true);

    // Again from a fresh step: "skip ahead until quiet" runs to the event, fires it, and stops.
    await client.request('setSpeed', { speed: 'pause' });
    await client.request('lessonResetStep', {});
    const before = lastLesson(client.messages)!;
    expect(before.events).toEqual([]);
    const clock = await client.request('skipAhead', {});
    expect(clock.now).toBe(before.pending[0].at);
    await flushMicrotasks();
    expect(lastLesson(client.messages)!.events).toHaveLength(1);
    worker.terminate();
  });

  it('fires the step\'s pending events at once when the presenter asks (E)', async () => {
    const { client, worker } = await booted();
    await client.request('lessonOpen', { source: SOURCE });
    await run(client, 'kubectl create deployment web --image=nginx --replicas=2');
    await client.request('setSpeed', { speed: 'pause' });
    const opened = await client.request('lessonGoto', { step: 1 });
    const view = await client.request('lessonTriggerEvents', {});
    expect(view.events).toEqual([expect.objectContaining({ command: 'kubectl label deployment web stage=two', at: opened.pending[0].at })]);
    expect(view.pending).toEqual([]);
    expect(view.checks[0].passed).toBe(true);
    worker.terminate();
  });

  it('evaluates checks at most four times a second of real time, and only after a change', async () => {
    const { client, timers, worker } = await booted();
    await client.request('lessonOpen', { source: SOURCE });
    await client.request('setSpeed', { speed: 60 });
    const count = () => client.messages.filter((m) => m.type === 'lesson').length;
    const before = count();
    await run(client, 'kubectl create deployment web --image=nginx --replicas=2');
    for (let i = 0; i < 20; i++) {
      timers.advance(50); // a second of real time in clock ticks; pods are created, scheduled, started
      await flushMicrotasks();
    }
    const during = count() - before;
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThanOrEqual(4);
    await client.request('setSpeed', { speed: 'pause' });
    timers.advance(1000);
    await flushMicrotasks();
    const settled = count();
    timers.advance(2000); // nothing changes: nothing is evaluated or sent
    await flushMicrotasks();
    expect(count()).toBe(settled);
    worker.terminate();
  });

  it('resets a step to the cluster as it was when the step opened', async () => {
    const { client, worker } = await booted();
    await client.request('lessonOpen', { source: SOURCE });
    await run(client, 'kubectl create deployment web --image=nginx --replicas=2');
    await client.request('lessonGoto', { step: 1 });
    await run(client, 'kubectl create deployment extra --image=nginx');
    const { full, lesson } = await client.request('lessonResetStep', {});
    expect(names(full, 'deployments.apps')).toEqual(['web']);
    expect(lesson!.step).toBe(1);
    worker.terminate();
  });

  it('keeps the sandbox apart and resumes the lesson after a reload', async () => {
    const storage = memoryStorage();
    const first = await booted(storage);
    await run(first.client, 'kubectl create deployment sandbox --image=nginx');
    await first.client.request('lessonOpen', { source: SOURCE });
    await run(first.client, 'kubectl create deployment web --image=nginx --replicas=2');
    await first.client.request('skipAhead', {});
    await first.client.request('lessonGoto', { step: 1 });
    await first.client.request('persist', {});
    first.worker.terminate();

    const second = await booted(storage);
    expect(second.state.restored).toBe(true);
    expect(names(second.state, 'deployments.apps')).toEqual(['web']);
    const { lessons, current } = await second.client.request('lessonCatalogue', { sources: [SOURCE] });
    expect(current?.step).toBe(1);
    expect(lessons[0].progress).toMatchObject({ step: 1, completed: 1 });

    const { full, lesson } = await second.client.request('lessonClose', {});
    expect(lesson).toBeNull();
    expect(names(full, 'deployments.apps')).toEqual(['sandbox']);
    second.worker.terminate();

    const third = await booted(storage);
    expect(names(third.state, 'deployments.apps')).toEqual(['sandbox']);
    // Reopening resumes where the learner was, with that lesson's cluster.
    const reopened = await third.client.request('lessonOpen', { source: SOURCE });
    expect(reopened.lesson?.step).toBe(1);
    expect(names(reopened.full, 'deployments.apps')).toEqual(['web']);
    const restarted = await third.client.request('lessonOpen', { source: SOURCE, restart: true });
    expect(restarted.lesson?.step).toBe(0);
    expect(names(restarted.full, 'deployments.apps')).toEqual([]);
    third.worker.terminate();
  });

  it('opens a dropped lesson.md and says why a broken one cannot open', async () => {
    const { client, worker } = await booted();
    const { lesson } = await client.request('lessonOpen', { text: LESSON, fileName: 'web-basics.md' });
    expect(lesson?.title).toBe('Web basics');
    await expect(client.request('lessonOpen', { text: 'hello', fileName: 'x.md' })).rejects.toThrow(/not a lesson/);
    worker.terminate();
  });

  it('judges quiz answers and predictions by what then happens', async () => {
    const quizLesson = LESSON.replace(
      "  - With --replicas=2.\n",
      "  - With --replicas=2.\nquiz:\n  - question: Who keeps the pods?\n    choices:\n      - text: The ReplicaSet\n        correct: true\n        explain: It creates them.\n      - text: The Service\n        explain: It only routes.\npredict:\n  - question: How many deployments?\n    choices: ['0', '1']\n    answer: '1'\n    after: 10s\n    run: kubectl get deployments --no-headers | wc -l\n",
    );
    const { client, worker } = await booted();
    await client.request('lessonOpen', { source: { slug: 'quiz', files: { 'lesson.md': quizLesson } } });
    const before = (await client.request('lessonHint', {})).steps[0];
    expect(before.quiz[0].answer).toBeUndefined();
    const answered = (await client.request('lessonQuiz', { question: 0, choices: [1] })).steps[0].quiz[0].answer!;
    expect(answered).toMatchObject({ chosen: [1], correct: false, correctChoices: [0] });
    expect(answered.explanations[1]).toBe('It only routes.');

    await client.request('lessonPredict', { prediction: 0, choice: '1' });
    await run(client, 'kubectl create deployment web --image=nginx');
    await client.request('skipAhead', {}); // stops at the observation
    await flushMicrotasks();
    const p = lastLesson(client.messages)!.steps[0].predict[0];
    expect(p).toMatchObject({ choice: '1', observed: '1', correct: true });
    worker.terminate();
  });
});
