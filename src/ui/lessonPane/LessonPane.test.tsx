// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LessonSummary, LessonView, ReplyValues, RequestType, StepView } from '../../protocol/messages';
import type { AppServices } from '../app/context';
import { createAppStore } from '../state/store';
import { LessonsController } from './controller';
import { LessonPane } from './LessonPane';

afterEach(cleanup);

// DOMPurify does not work under happy-dom (its authors say so, cure53/DOMPurify#1457: it drops
// text and keeps scripts there), so these tests parse without it and check the pane and our own
// link, image and code-block handling; that lessons' <script>, onerror= and javascript: links
// render nothing is tested with the real DOMPurify in Chromium (e2e/lessons.spec.ts).
vi.mock('dompurify', () => ({
  default: {
    sanitize: (html: string) => {
      const t = document.createElement('template');
      t.innerHTML = html;
      return t.content;
    },
  },
}));

function step(over: Partial<StepView> = {}): StepView {
  return { id: 's1', title: 'Create the Deployment', body: 'Run this:\n\n```sh\nkubectl create deployment web --image=nginx\n```\n', completed: false, hints: [], hintCount: 2, hasSolution: true, events: 0, quiz: [], predict: [], ...over };
}

function view(over: Partial<LessonView> = {}): LessonView {
  return {
    slug: 'web',
    title: 'Web basics',
    summary: 'A test lesson',
    level: 'beginner',
    duration: '5m',
    tags: ['test'],
    intro: 'Welcome to the lesson.',
    steps: [step(), step({ id: 's2', title: 'Scale it', body: 'Scale.' })],
    step: 0,
    finished: false,
    checks: [
      { title: 'deployment/web has 2 available replicas', passed: false, why: '`web` has 0 of 2 replicas available', observed: '0' },
      { title: 'namespace shop exists', passed: true },
    ],
    pending: [],
    events: [],
    assets: { 'diagram.png': 'data:image/png;base64,iVBORw0KGgo=' },
    ...over,
  };
}

/** A bridge that answers lesson requests from a table and records what it was asked. */
function harness(answers: Partial<{ [K in RequestType]: (body: any) => ReplyValues[K] }> = {}) {
  const asked: { type: string; body: unknown }[] = [];
  const typed: string[] = [];
  const store = createAppStore();
  const bridge = {
    onLesson: undefined as ((l: LessonView | null) => void) | undefined,
    request: async (type: RequestType, body: unknown) => {
      asked.push({ type, body });
      const answer = answers[type] as ((b: unknown) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected ${type}`);
      return answer(body);
    },
    skipAhead: async () => void asked.push({ type: 'skipAhead', body: {} }),
    setSpeed: async () => {},
    adopt: () => {},
  };
  const services = { store, bridge, print: () => {}, type: async (t: string) => void typed.push(t) } as unknown as AppServices;
  const controller = new LessonsController(services, async () => [{ slug: 'web', files: { 'lesson.md': '---\ntitle: Web basics\n---\n' } }]);
  return { controller, asked, typed, store };
}

async function showing(lesson: LessonView, answers: Parameters<typeof harness>[0] = {}) {
  const h = harness(answers);
  h.controller.store.setState({ lesson, showCatalogue: false, paneOpen: true });
  render(<LessonPane controller={h.controller} />);
  return h;
}

describe('LessonPane', () => {
  it('lists the catalogue with level, duration, tags and progress', async () => {
    const lessons: LessonSummary[] = [
      { slug: 'b', title: 'Second', summary: 'Later', level: 'intermediate', duration: '20m', order: 2, tags: ['rollouts'], steps: 4, progress: { step: 2, completed: 1, finished: false } },
      { slug: 'a', title: 'First', summary: 'Start here', level: 'beginner', duration: '10m', order: 1, tags: ['pods'], steps: 3 },
    ];
    const h = harness({ lessonCatalogue: () => ({ lessons, current: null }) });
    render(<LessonPane controller={h.controller} />);
    await act(() => h.controller.loadCatalogue());
    const cards = screen.getAllByRole('listitem');
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['First', 'Second']);
    expect(cards[0].textContent).toContain('beginner · 10m · 3 steps');
    expect(within(cards[0]).getByRole('button', { name: 'Start' })).toBeTruthy();
    expect(within(cards[1]).getByLabelText('Progress').textContent).toBe('1 of 4 steps done');
    expect(within(cards[1]).getByRole('button', { name: 'Continue (step 3)' })).toBeTruthy();
  });

  it('shows the step, its checks and why they have not passed yet', async () => {
    await showing(view());
    expect(screen.getByTestId('step-title').textContent).toBe('Step 1 of 2: Create the Deployment');
    expect(screen.getByText('Welcome to the lesson.')).toBeTruthy();
    const checks = within(screen.getByRole('region', { name: 'Checks' })).getAllByRole('listitem');
    expect(checks[0].dataset.passed).toBe('false');
    expect(checks[0].textContent).toContain('Not yet: web has 0 of 2 replicas available');
    expect(within(checks[0]).getByText('web').tagName).toBe('CODE'); // authors' inline Markdown
    expect(checks[1].dataset.passed).toBe('true');
    expect(checks[1].textContent).not.toContain('Not yet');
  });

  it('reveals hints one at a time', async () => {
    const h = await showing(view(), { lessonHint: () => view({ steps: [step({ hints: ['Use `kubectl create`.'] }), step({ id: 's2' })] }) });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Hint (1 of 2)' })));
    expect(h.asked.map((a) => a.type)).toEqual(['lessonHint']);
    expect(within(screen.getByRole('region', { name: 'Hints' })).getByText('kubectl create').tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Hint (2 of 2)' })).toBeTruthy();
  });

  it('types a code block into the terminal, and opens a file block in the editor', async () => {
    const body = 'Run:\n\n```sh\n$ kubectl get pods\n```\n\nThen:\n\n```yaml file=web.yaml\nkind: Deployment\n```\n';
    const h = await showing(view({ steps: [step({ body }), step({ id: 's2' })] }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '▶ Run' })));
    expect(h.typed).toEqual(['kubectl get pods\n']);
    fireEvent.click(screen.getByRole('button', { name: 'Open web.yaml in editor' }));
    expect(h.store.getState().buffers).toEqual([{ id: 'web.yaml', title: 'web.yaml', text: 'kind: Deployment\n' }]);
    expect(h.store.getState().activeBuffer).toBe('web.yaml');
  });

  it('opens links in a new tab and keeps only images from the lesson folder', async () => {
    const body = '[docs](https://kubernetes.io/docs/) and [here](#top)\n\n![diagram](./diagram.png) ![remote](https://example.com/track.png) ![up](../secret.png)';
    await showing(view({ steps: [step({ body }), step({ id: 's2' })] }));
    const pane = screen.getByTestId('lesson-pane');
    const docs = screen.getByRole('link', { name: 'docs' });
    expect(docs.getAttribute('target')).toBe('_blank');
    expect(docs.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'here' }).getAttribute('target')).toBeNull();
    expect([...pane.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
  });

  it('applies the solution by typing its commands and skipping ahead for its waits', async () => {
    const h = await showing(view(), {
      lessonSolution: () => ({ solution: [{ run: 'kubectl create deployment web --image=nginx' }, { waitUntilQuiet: true }, { run: 'kubectl get pods' }] }),
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply solution' })));
    expect(h.typed).toEqual(['kubectl create deployment web --image=nginx\n', 'kubectl get pods\n']);
    expect(h.asked.map((a) => a.type)).toEqual(['lessonSolution', 'skipAhead']);
  });

  it('shows what a scripted event did, and quiz explanations once answered', async () => {
    const quiz = { question: 'Who keeps the pods?', multiple: false, choices: ['The ReplicaSet', 'The Service'], answer: { chosen: [1], correct: false, correctChoices: [0], explanations: [undefined, 'It only routes traffic.'] } };
    await showing(view({ events: [{ command: 'sim node fail aks-nodepool1-0', output: 'node aks-nodepool1-0 failed\n', exitCode: 0, at: 0 }], steps: [step({ quiz: [quiz] }), step({ id: 's2' })] }));
    expect(within(screen.getByRole('region', { name: 'Scripted events' })).getByText('node aks-nodepool1-0 failed')).toBeTruthy();
    expect(screen.getByText('It only routes traffic.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Not quite');
  });
});
