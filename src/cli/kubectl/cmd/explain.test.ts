import { describe, expect, it } from 'vitest';
import { resolveResource } from '../resolve';
import { explain, wordWrap } from './explain';

describe('wordWrap (go-wordwrap)', () => {
  it('breaks before the word that would pass the limit, keeping long words whole', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wordWrap('a https://very.long/url b', 5)).toBe('a\nhttps://very.long/url\nb');
    expect(wordWrap('line one\n\tindented', 20)).toBe('line one\n\tindented');
  });
});

describe('explain (plaintext template)', () => {
  it('prints the header, the field, its and its type description, then the fields', () => {
    const { out, error } = explain(resolveResource('deployment'), 'apps', 'v1', ['spec'], false);
    expect(error).toBeUndefined();
    expect(out).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: spec <DeploymentSpec>\n\n\nDESCRIPTION:\n/);
    expect(out).toContain('    DeploymentSpec is the specification of the desired behavior of the\n    Deployment.\n    \nFIELDS:\n');
    expect(out).toContain('  selector\t<LabelSelector> -required-\n');
  });

  it('prints only names and types with --recursive, nested two spaces a level', () => {
    const { out } = explain(resolveResource('pods'), '', 'v1', ['spec', 'containers', 'ports'], true);
    expect(out).toContain('FIELDS:\n  containerPort\t<integer> -required-\n  hostIP\t<string>\n');
  });

  it('names the last element of a path that does not exist, after the header', () => {
    expect(explain(resolveResource('pods'), '', 'v1', ['spec', 'nope', 'deeper'], false)).toEqual({ out: 'KIND:       Pod\nVERSION:    v1\n\n', error: 'error: field "deeper" does not exist' });
    expect(explain(resolveResource('deployments'), 'apps', 'v2', [], false).error).toBe(`error: couldn't find resource for "apps/v2, Resource=deployments"`);
  });
});
