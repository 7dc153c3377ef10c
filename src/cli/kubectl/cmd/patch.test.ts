import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

describe('kubectl patch', () => {
  it('patches with each type, says when nothing changed, and prints -o', () => {
    const out = transcriptOf(`kubectl create deployment web --image=nginx:1.27
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web --type merge -p 'spec: {replicas: 3}'
kubectl patch deploy/web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]' -o jsonpath='{.spec.replicas}'
kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":2}}'
kubectl get deployment web -o jsonpath='{.spec.replicas}'`);
    expect(out).toContain('deployment.apps/web patched\n');
    expect(out).toContain('deployment.apps/web patched (no change)\n');
    expect(out).toContain("-o jsonpath='{.spec.replicas}'\n1$");
    expect(out).toContain('scale.autoscaling/web patched\n');
    expect(out.trimEnd().endsWith('2')).toBe(true);
  });

  it('reports errors as kubectl does', () => {
    const out = transcriptOf(`kubectl create deployment web --image=nginx:1.27
kubectl patch deployment web
kubectl patch deployment web --type foo -p '{}'
kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/nope/x","value":3}]' --dry-run=client
kubectl patch deployment nope -p '{}'
kubectl patch deployment web -p '{"spec":{"replicas":-1}}'`);
    expect(out).toContain('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(out).toContain('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(out).toContain('error: replace operation does not apply: doc is missing path: /spec/nope/x: missing value\n');
    expect(out).toContain('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(out).toContain('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });
});
