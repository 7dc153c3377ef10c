import { describe, expect, it } from 'vitest';
import { transcriptOf } from './testing';

describe('kubectl wait', () => {
  it('lets virtual time run until the condition holds, or fails at the timeout', () => {
    const out = transcriptOf(`kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl wait --for=condition=Available deployment/web --timeout=60s
kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web
kubectl wait --for=condition=Progressing=False deployment/web --timeout=3s
kubectl wait --for=condition=Available deployment/web --timeout=0
kubectl delete pod -l app=web --wait=false
kubectl wait --for=delete pod -l app=web --timeout=5s`);
    expect(out.match(/deployment\.apps\/web condition met/g)).toHaveLength(3);
    expect(out).toContain('error: timed out waiting for the condition on deployments/web\n');
    expect(out).toMatch(/error: timed out waiting for the condition on pods\/web-/);
  });

  it('checks its arguments', () => {
    const out = transcriptOf(`kubectl create deployment web --image=nginx:1.27
kubectl wait deploy/web
kubectl wait --for=foo deploy/web
kubectl wait --for=jsonpath='{.spec}'=1 deploy/web
kubectl wait --for=condition=Available deploy -l app=zzz`);
    expect(out).toContain('error: unrecognized condition: ""\n');
    expect(out).toContain('error: unrecognized condition: "foo"\n');
    expect(out).toContain('error: jsonpath leads to a nested object or list which is not supported\n');
    expect(out).toContain('error: no matching resources found\n');
  });
});
