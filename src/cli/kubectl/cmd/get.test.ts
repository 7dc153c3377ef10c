import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

describe('kubectl get -w', () => {
  it('computes AGE when each row is printed, not at watch start', () => {
    const out = transcriptOf('kubectl create deployment web --image=nginx:1.27\nkubectl get pods -w --no-headers');
    const rows = out.split('$ kubectl get pods -w --no-headers\n')[1].trim().split('\n');
    expect(rows.length).toBeGreaterThan(2);
    const ages = rows.map((r) => r.trim().split(/\s+/).pop());
    expect(ages[0]).toBe('0s');
    expect(ages[ages.length - 1]).not.toBe('0s');
  });
});
