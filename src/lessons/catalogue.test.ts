import { describe, expect, it } from 'vitest';
import { validateCatalogue } from './catalogue';
import { lessonOf, smallLesson } from './testing';

const lesson = (slug: string, prerequisites: string[] = [], steps = '## S\n', files: Record<string, string> = {}) =>
  lessonOf(smallLesson(steps).replace('duration: 1m', `duration: 1m\nprerequisites: [${prerequisites.join(', ')}]`), files, slug);

describe('validateCatalogue', () => {
  it('accepts lessons whose prerequisites exist', () => {
    expect(validateCatalogue([lesson('pods'), lesson('labels', ['pods'])])).toEqual([]);
  });

  it('finds duplicate slugs, missing and circular prerequisites', () => {
    const problems = validateCatalogue([lesson('pods', ['labels']), lesson('labels', ['pods']), lesson('scaling', ['deployments']), lesson('scaling')]);
    expect(problems).toEqual([
      { slug: 'scaling', path: 'slug', message: 'two lessons are called "scaling"' },
      { slug: 'pods', path: 'prerequisites', message: 'prerequisites go round in a circle: pods → labels → pods' },
      { slug: 'labels', path: 'prerequisites', message: 'prerequisites go round in a circle: labels → pods → labels' },
      { slug: 'scaling', path: 'prerequisites[0]', message: 'no lesson is called "deployments"' },
    ]);
  });

  it('knows lessons outside the ones checked', () => {
    expect(validateCatalogue([lesson('scaling', ['deployments'])], { knownSlugs: ['deployments'] })).toEqual([]);
  });

  it('finds -f files the lesson does not have', () => {
    const steps = [
      '## S',
      '```yaml file=web.yaml',
      'kind: Deployment',
      '```',
      '```lesson',
      'events:',
      '  - kubectl apply -f ./web.yaml',
      'solution:',
      "  - kubectl apply -f db.yaml",
      "  - kubectl apply --filename=manifests/",
      `  - "cat > made.yaml <<'EOF'\\nkind: Pod\\nEOF"`,
      '  - kubectl delete -f made.yaml -f https://example.com/x.yaml',
      '```',
    ].join('\n');
    const l = lessonOf(smallLesson(steps).replace('nodes: 1', 'nodes: 1\n  setup: [kubectl apply -f base/pod.yaml]'), { 'base/pod.yaml': 'kind: Pod\n' }, 'files');
    expect(validateCatalogue([l]).map((p) => [p.path, p.message.split(':')[0]])).toEqual([
      ['steps[0].solution[0]', '-f db.yaml'],
      ['steps[0].solution[1]', '-f manifests/'],
    ]);
  });
});
