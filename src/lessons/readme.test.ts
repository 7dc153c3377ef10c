/** lessons/README.md is the authors' documentation: its examples must parse without problems. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from './parse';

const README = readFileSync(new URL('../../lessons/README.md', import.meta.url), 'utf8');

describe('lessons/README.md examples', () => {
  it('the example lesson file parses', () => {
    const example = /````markdown\n([\s\S]*?)\n````/.exec(README)![1];
    const { lesson, problems } = parseLesson({ slug: 'deployments', files: { 'lesson.md': example } });
    expect(problems).toEqual([]);
    expect(lesson!.cluster.nodePools).toEqual([{ name: 'userpool', count: 2, mode: 'User', os: 'Linux' }]);
    expect(lesson!.steps[0].checks).toHaveLength(1);
  });

  it('every YAML example of a lesson block key parses as a step\'s lesson block', () => {
    const blocks = [...README.matchAll(/```yaml\n((?:checks|quiz|predict):[\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBe(3);
    for (const block of blocks) {
      const md = `---\ntitle: T\nsummary: S\nduration: 1m\n---\n## Step\n\n\`\`\`lesson\n${block}\`\`\`\n`;
      expect(parseLesson({ slug: 't', files: { 'lesson.md': md } }).problems).toEqual([]);
    }
  });
});
