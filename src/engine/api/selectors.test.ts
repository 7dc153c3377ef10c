import { describe, expect, it } from 'vitest';
import { formatLabelSelector, matchesRequirements, parseFieldSelector, parseLabelSelector, selectorMatches } from './selectors';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', env: 'prod' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['tier in (frontend,backend)', true],
    ['tier notin (frontend)', false],
    ['env', true],
    ['!legacy', true],
    ['!env', false],
    ['app=web,tier=backend', false],
    ['', true],
  ])('%s matches: %s', (sel, expected) => {
    expect(matchesRequirements(parseLabelSelector(sel), labels)).toBe(expected);
  });

  it('rejects malformed requirements like the apiserver', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(/unable to parse requirement/);
  });

  it('matches and prints metav1.LabelSelector', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] };
    expect(selectorMatches(sel, { app: 'web', tier: 'a' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web' })).toBe(false);
    expect(selectorMatches({}, {})).toBe(true);
    expect(selectorMatches(undefined, {})).toBe(false);
    expect(formatLabelSelector(sel)).toBe('app=web,tier in (a,b)');
  });
});

describe('field selectors', () => {
  it('accepts the fields pods support and rejects others', () => {
    expect(parseFieldSelector('pods', 'spec.nodeName=n1,status.phase!=Running')).toHaveLength(2);
    expect(() => parseFieldSelector('pods', 'spec.foo=x')).toThrow('field label not supported: spec.foo');
  });
});
