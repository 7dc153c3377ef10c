import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

describe('kubectl create configmap|secret generic|serviceaccount', () => {
  it('builds data from literals, files and env files', () => {
    const out = transcriptOf(
      `kubectl create configmap c1 --from-literal=x=1 --from-file=app.env --from-file=k2=app.env --dry-run=client -o yaml
kubectl create configmap c2 --from-env-file=app.env -o name
kubectl create secret generic s1 --from-literal=user=admin
kubectl get secret s1 -o jsonpath='{.data.user}'
kubectl create sa robot`,
      { 'app.env': 'a=1\n' },
    );
    expect(out).toContain('data:\n  app.env: |\n    a=1\n  k2: |\n    a=1\n  x: "1"\nkind: ConfigMap\n');
    expect(out).toContain('configmap/c2\n');
    expect(out).toContain('secret/s1 created\n');
    expect(out).toContain('YWRtaW4=');
    expect(out).toContain('serviceaccount/robot created\n');
  });

  it('reports bad sources and duplicates', () => {
    const out = transcriptOf(`kubectl create configmap c --from-literal=x
kubectl create configmap c --from-literal=x=1 --from-literal=x=2
kubectl create configmap c --from-file=nope
kubectl create secret generic s --from-literal=a=1
kubectl create secret generic s --from-literal=a=1`);
    expect(out).toContain('error: invalid literal source x, expected key=value\n');
    expect(out).toContain('error: cannot add key "x", another key by that name already exists in Data for ConfigMap "c"\n');
    expect(out).toContain('error: error reading nope: no such file or directory\n');
    expect(out).toContain('error: failed to create secret secrets "s" already exists\n');
  });
});
