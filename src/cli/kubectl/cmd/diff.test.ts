import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  greeting: ${v}\n`;

describe('kubectl diff and apply view-last-applied', () => {
  it('diffs the live object against a dry-run apply, exit 1 when different', () => {
    const out = transcriptOf(
      `kubectl diff -f v1.yaml; echo "exit $?"
kubectl apply -f v1.yaml
kubectl diff -f v1.yaml; echo "exit $?"
kubectl diff -f v2.yaml; echo "exit $?"
kubectl apply view-last-applied cm/cfg -o json
kubectl apply -f v2.yaml --dry-run=server -o jsonpath='{.data.greeting}'
kubectl diff; echo "exit $?"`,
      { 'v1.yaml': cm('hello'), 'v2.yaml': cm('bonjour') },
    );
    expect(out).toMatch(/diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.cfg \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.cfg\n--- .*\n\+\+\+ .*\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: v1\n/);
    expect(out).toContain('$ kubectl diff -f v1.yaml; echo "exit $?"\nexit 0\n');
    expect(out).toContain(' data:\n-  greeting: hello\n+  greeting: bonjour\n');
    expect(out).toContain('{\n  "apiVersion": "v1",\n  "data": {\n    "greeting": "hello"\n  },');
    expect(out).toContain("-o jsonpath='{.data.greeting}'\nbonjour$");
    expect(out).toContain('error: must specify one of -f and -k\nexit 2\n');
  });
});
