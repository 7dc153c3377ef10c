import { describe, expect, it } from 'vitest';
import { withSchemaProblemsAsErrors } from './schemaSeverity';

describe('withSchemaProblemsAsErrors', () => {
  it('raises warnings to errors and keeps the rest', () => {
    const set: unknown[] = [];
    const monaco = { editor: { setModelMarkers: (_m: unknown, owner: string, markers: unknown[]) => set.push([owner, markers]), keep: 1 } };
    const wrapped = withSchemaProblemsAsErrors(monaco);
    wrapped.editor.setModelMarkers({}, 'yaml', [{ severity: 4, message: 'Incorrect type' }, { severity: 8 }, { severity: 2 }]);
    expect(set).toEqual([['yaml', [{ severity: 8, message: 'Incorrect type' }, { severity: 8 }, { severity: 2 }]]]);
    expect((wrapped.editor as unknown as { keep: number }).keep).toBe(1);
  });
});
