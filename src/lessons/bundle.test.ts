import { describe, expect, it } from 'vitest';
import { packLesson, unpackLesson } from './bundle';

const md = '---\ntitle: Rolling Updates & Rollbacks\nsummary: s\nduration: 5m\n---\n## S\n';

describe('lesson bundles', () => {
  it('round-trips a folder through one JSON file', () => {
    const source = { slug: 'rolling', files: { 'web.yaml': 'kind: Deployment\n', 'lesson.md': md, 'a.png': 'data:image/png;base64,AA==' } };
    const bundle = packLesson(source);
    expect(bundle).toMatchObject({ format: 'pilothouse-lesson', version: 1, slug: 'rolling' });
    expect(Object.keys(bundle.files)).toEqual(['a.png', 'lesson.md', 'web.yaml']);
    expect(unpackLesson(JSON.stringify(bundle))).toEqual(source);
  });

  it('reads a bare lesson.md, naming it by its title or else the file name', () => {
    expect(unpackLesson(md)).toEqual({ slug: 'rolling-updates-rollbacks', files: { 'lesson.md': md } });
    expect(unpackLesson('---\nsummary: s\n---\n', 'My Lesson.md').slug).toBe('my-lesson');
  });

  it('says what is wrong with anything else', () => {
    expect(() => unpackLesson('<html>')).toThrow('not a lesson: expected a .lesson.json bundle');
    expect(() => unpackLesson('{"format": "x"}')).toThrow('"format" should be "pilothouse-lesson"');
    expect(() => unpackLesson('{"format": "pilothouse-lesson", "version": 2}')).toThrow('version 2 is not supported');
    expect(() => unpackLesson('{"format": "pilothouse-lesson", "version": 1, "slug": "a", "files": {}}')).toThrow('has no lesson.md');
    expect(() => unpackLesson('{ nope')).toThrow('the JSON does not parse');
    expect(() => unpackLesson('---\nsummary: s\n---\n')).toThrow('add "title:"');
  });
});
