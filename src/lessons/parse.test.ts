import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LessonProblem } from './model';
import { parseLesson } from './parse';

const fixture = (slug: string) => readFileSync(new URL(`./fixtures/${slug}/lesson.md`, import.meta.url), 'utf8');

function problemsOf(markdown: string): LessonProblem[] {
  return parseLesson({ slug: 'x', files: { 'lesson.md': markdown } }).problems;
}

/** A lesson whose line numbers are easy to read: front matter on lines 1–6, the step block from line 10. */
function withBlock(block: string, front = ''): string {
  return `---\ntitle: T\nsummary: S\nduration: 5m\n${front}---\n## Step\n\nProse.\n\n\`\`\`lesson\n${block}\n\`\`\`\n`;
}

describe('parseLesson: a good lesson', () => {
  const { lesson, problems } = parseLesson({ slug: 'passes', files: { 'lesson.md': fixture('passes') } });

  it('has no problems', () => {
    expect(problems).toEqual([]);
  });

  it('reads the front matter and the starting cluster', () => {
    expect(lesson).toMatchObject({
      slug: 'passes',
      title: 'Scale a web app',
      level: 'beginner',
      duration: '5m',
      tags: ['fixture'],
      prerequisites: [],
      speed: 1,
      cluster: { profile: 'aks', seed: 7, nodes: 2, nodePools: [], setup: ['kubectl create namespace shop'] },
    });
    expect(lesson!.intro).toBe('A fixture for the lesson checker\'s own tests.');
  });

  it('reads steps, with ids from headings unless given, and bodies without the lesson block', () => {
    expect(lesson!.steps.map((s) => [s.id, s.title])).toEqual([
      ['create-the-deployment', 'Create the Deployment'],
      ['scale', 'Scale it up'],
      ['read-about-it', 'Read about it'],
    ]);
    expect(lesson!.steps[0].body).toContain('```yaml file=web.yaml');
    expect(lesson!.steps[0].body).not.toContain('```lesson');
    expect(lesson!.steps[0].timeout).toBe(10 * 60 * 1000);
  });

  it('reads checks, hints, solutions, quizzes and predictions', () => {
    const [first, second] = lesson!.steps;
    expect(first.checks[0]).toEqual({
      type: 'object',
      resource: 'deployment',
      name: 'web',
      field: '{.status.availableReplicas}',
      number: '>= 2',
      why: '`web` has {{observed}} of 2 replicas available',
    });
    expect(first.checks[1]).toMatchObject({ type: 'command', run: 'kubectl get pods -l app=web -o name | wc -l', equals: '2' });
    expect(first.solution).toEqual([{ run: 'kubectl apply -f web.yaml' }, { waitUntilQuiet: true }]);
    expect(second.checks[0]).toMatchObject({ type: 'object', resource: 'pods', selector: 'app=web', count: '== 3' });
    expect(second.solution).toEqual([{ run: 'kubectl scale deployment web --replicas=3' }, { wait: 30_000 }]);
    expect(second.quiz[0]).toMatchObject({ multiple: false, choices: [{ text: 'The ReplicaSet', correct: true }, { text: 'The Service', correct: false }] });
    expect(second.predict[0]).toMatchObject({ choices: ['1', '2', '3'], answer: '2', after: 0 });
  });

  it('collects file= code blocks as lesson files', () => {
    expect(Object.keys(lesson!.files)).toEqual(['web.yaml']);
    expect(lesson!.files['web.yaml']).toMatch(/^apiVersion: apps\/v1\n[\s\S]*image: nginx:1.27\n$/);
  });

  it('takes the folder\'s text files as files, not images', () => {
    const r = parseLesson({ slug: 'passes', files: { 'lesson.md': fixture('passes'), 'base.yaml': 'kind: x\n', 'd.png': 'data:image/png;base64,AA==' } });
    expect(Object.keys(r.lesson!.files).sort()).toEqual(['base.yaml', 'web.yaml']);
  });

  it('does not start a step at a ## inside a fenced block, and reads durations and YAML 1.1 words as written', () => {
    const md = withBlock("events:\n  - run: sim node fail n1\n    after: 1h30m\nchecks:\n  - run: kubectl get nodes\n    contains: True\ntimeout: 90s").replace('Prose.', '```sh\n## not a step\n```');
    const { lesson, problems } = parseLesson({ slug: 'x', files: { 'lesson.md': md } });
    expect(problems).toEqual([]);
    expect(lesson!.steps).toHaveLength(1);
    expect(lesson!.steps[0].events).toEqual([{ run: 'sim node fail n1', after: 90 * 60_000 }]);
    expect(lesson!.steps[0].checks[0]).toMatchObject({ contains: 'True' });
    expect(lesson!.steps[0].timeout).toBe(90_000);
  });
});

describe('parseLesson: problems, each with its path and lesson.md line', () => {
  it('an unknown front matter key, with the key it probably meant', () => {
    expect(problemsOf(withBlock('hints: [a]', 'tittle: Oops\n'))).toEqual([
      expect.objectContaining({ path: 'tittle', line: 5, message: expect.stringContaining('did you mean "title"?') }),
    ]);
  });

  it('an unknown key in a check', () => {
    const p = problemsOf(withBlock("checks:\n  - object: pods\n    selecter: app=web\n    why: x"));
    expect(p).toEqual([expect.objectContaining({ path: 'steps[0].checks[0].selecter', line: 13, message: expect.stringContaining('did you mean "selector"?') })]);
  });

  it('a number matcher that is not a comparison', () => {
    const p = problemsOf(withBlock("checks:\n  - object: deployment/web\n    field: '{.status.replicas}'\n    number: at least 3"));
    expect(p).toEqual([expect.objectContaining({ path: 'steps[0].checks[0].number', line: 14, message: expect.stringContaining('is not a comparison') })]);
  });

  it('a check command that writes, or runs something else', () => {
    const p = problemsOf(withBlock('checks:\n  - run: kubectl delete pod web\n  - run: curl http://web | grep ok\n  - run: kubectl rollout restart deploy/web'));
    expect(p.map((x) => [x.path, x.line])).toEqual([
      ['steps[0].checks[0].run', 12],
      ['steps[0].checks[1].run', 13],
      ['steps[0].checks[2].run', 14],
    ]);
    expect(p[0].message).toContain('"kubectl delete", which is not a read');
    expect(p[1].message).toContain('runs "curl"');
    expect(p[2].message).toContain('of rollout only status, history');
  });

  it('a solution command that does not parse', () => {
    const p = problemsOf(withBlock("solution:\n  - kubectl get pods | \n  - wait: 5 minutes"));
    expect(p).toEqual([
      expect.objectContaining({ path: 'steps[0].solution[0]', line: 12, message: expect.stringContaining('does not parse') }),
      expect.objectContaining({ path: 'steps[0].solution[1].wait', line: 13, message: expect.stringContaining('30s, 5m or 1h30m') }),
    ]);
  });

  it('text with ": " that YAML reads as a mapping', () => {
    const p = problemsOf(withBlock('solution:\n  - kubectl annotate deploy/web note=v2: faster'));
    expect(p).toEqual([expect.objectContaining({ path: 'steps[0].solution[0]', line: 12, message: expect.stringContaining('put the whole text in quotes') })]);
  });

  it('a single-choice quiz with two correct choices, and a prediction whose answer is not a choice', () => {
    const block = [
      'quiz:',
      '  - question: Q?',
      '    choices:',
      '      - { text: a, correct: true }',
      '      - { text: b, correct: true }',
      'predict:',
      '  - question: P?',
      '    choices: [Running, Pending]',
      '    answer: Runing',
      '    run: kubectl get pods',
    ].join('\n');
    expect(problemsOf(withBlock(block))).toEqual([
      expect.objectContaining({ path: 'steps[0].quiz[0].choices', line: 14, message: expect.stringContaining('exactly one correct choice (it has 2)') }),
      expect.objectContaining({ path: 'steps[0].predict[0].answer', line: 19, message: '"Runing" is not one of the choices (Running, Pending)' }),
    ]);
  });

  it('YAML syntax errors, with their line', () => {
    const p = problemsOf(withBlock('checks:\n  - run: "kubectl get pods\n    equals: x'));
    expect(p[0]).toMatchObject({ path: 'steps[0]', line: expect.any(Number), message: expect.stringMatching(/^YAML: /) });
    expect(p[0].line).toBeGreaterThanOrEqual(12);
  });

  it('no front matter, no steps', () => {
    const p = problemsOf('# Just a title\n\nSome prose.\n');
    expect(p.map((x) => x.path)).toEqual(['(front matter)', 'steps']);
  });

  it('two lesson blocks in one step, and duplicate step ids', () => {
    const md = withBlock('hints: [a]') + '\n```lesson\nhints: [b]\n```\n\n## Step\n';
    const p = problemsOf(md);
    expect(p.map((x) => [x.path, x.line])).toEqual([
      ['steps[0]', 14],
      ['steps[1].id', 18],
    ]);
  });

  it('node pools: Windows pools and the plain profile are not simulated yet', () => {
    const front = 'cluster:\n  profile: plain\n  nodePools:\n    - name: win\n      os: Windows\n';
    const p = problemsOf(withBlock('hints: [a]', front));
    expect(p.map((x) => [x.path, x.line])).toEqual([
      ['cluster.nodePools[0]', 8],
      ['cluster.nodePools[0].os', 9],
    ]);
    expect(p[0].message).toContain('need the aks profile');
    expect(p[1].message).toContain('Windows node pools');
  });

  it('a folder name that is not kebab-case', () => {
    expect(parseLesson({ slug: 'My_Lesson', files: { 'lesson.md': fixture('passes') } }).problems[0]).toMatchObject({ path: 'slug' });
  });
});
