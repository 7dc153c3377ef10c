import { describe, expect, it } from 'vitest';
import { describeSyntaxErrors, yamlSyntaxMarkers } from './yamlSyntax';

describe('yamlSyntaxMarkers', () => {
  it('finds nothing in valid multi-document YAML', () => {
    expect(yamlSyntaxMarkers('a: 1\n---\nb: [1, 2]\n')).toEqual([]);
  });

  it('reports every error of every document with positions', () => {
    const text = 'kind: Pod\nmetadata:\n  name: [web\n---\nkind: Service\nspec:\n  type: a: b\n';
    const markers = yamlSyntaxMarkers(text);
    expect(markers.length).toBeGreaterThanOrEqual(2);
    expect(markers.every((m) => m.severity === 'error')).toBe(true);
    expect(markers.some((m) => m.startLineNumber >= 5)).toBe(true);
    expect(markers[0].startLineNumber).toBeGreaterThanOrEqual(3);
    expect(markers[0].message).not.toMatch(/\n/);
  });

  it('reports duplicate keys, as the apiserver strict decoder does', () => {
    const [m] = yamlSyntaxMarkers('metadata:\n  name: a\n  name: b\n');
    expect(m).toMatchObject({ startLineNumber: 3, startColumn: 3, severity: 'error' });
    expect(m.message).toMatch(/unique/i);
  });

  it('reads YAML 1.1 (yes is a boolean, not a syntax problem)', () => {
    expect(yamlSyntaxMarkers('hostNetwork: yes\n')).toEqual([]);
  });

  it('summarises for the status line', () => {
    const markers = yamlSyntaxMarkers('a: [\n');
    expect(describeSyntaxErrors(markers)).toMatch(/^error: 1 YAML syntax error \(first at line \d+, column \d+: /);
    expect(describeSyntaxErrors([])).toBe('');
  });
});
