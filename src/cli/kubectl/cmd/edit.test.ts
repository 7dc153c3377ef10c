import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../engine/cluster/create';
import { Session } from '../../session';
import { runTranscript } from '../../transcript';

/** A session whose file system is a Map, so the test sees kubectl's temp files come and go. */
function session() {
  const files = new Map<string, string>();
  const s = new Session(createCluster({ seed: 1 }), {
    fs: { read: (p) => files.get(p), write: (p, t, append) => void files.set(p, append ? (files.get(p) ?? '') + t : t), remove: (p) => void files.delete(p) },
  });
  return { files, run: (script: string) => runTranscript(s, script).transcript };
}

describe('kubectl edit', () => {
  it('patches what the editor changed and removes its temp file', () => {
    const { files, run } = session();
    const out = run(`kubectl create deployment web --image=nginx:1.27 --replicas=3
KUBE_EDITOR="sed -i -e 's/replicas: 3/replicas: 4/' -e 's/nginx:1.27/nginx:1.28/'" kubectl edit deployment web --output-patch
kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'`);
    expect(out).toContain('Patch: {"spec":{"replicas":4,"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.28","name":"nginx"}]}}},"status":{"replicas":4}}\ndeployment.apps/web edited\n');
    expect(out.endsWith('4 nginx:1.28')).toBe(true);
    expect([...files.keys()].filter((p) => p.includes('kubectl-edit'))).toEqual([]);
  });

  it('edits several objects as a List, one patch each', () => {
    const { run } = session();
    const out = run(`kubectl create deployment a --image=nginx
kubectl create deployment b --image=nginx
KUBE_EDITOR="sed -i 's/replicas: 1/replicas: 2/'" kubectl edit deployments
kubectl get deploy -o jsonpath='{.items[*].spec.replicas}'`);
    expect(out).toContain('deployment.apps/a edited\ndeployment.apps/b edited\n');
    expect(out.endsWith('2 2')).toBe(true);
  });

  it('re-opens a file that fails validation (YAML syntax) with the reason in its header, and keeps the copy when given up', () => {
    const { files, run } = session();
    const out = run(`kubectl create deployment web --image=nginx
KUBE_EDITOR="sed -i 's/^kind: Deployment$/kind: Deployment: x/'" kubectl edit deploy/web; echo "exit $?"`);
    expect(out).toMatch(/error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"\nerror: Edit cancelled, no valid changes were saved.\nexit 1\n$/);
    const path = /stored to "([^"]+)"/.exec(out)![1];
    expect(files.get(path)).toContain('#\n# deployments.apps "web" was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": yaml: line 2: mapping values are not allowed in this context\n#\napiVersion: apps/v1\n');
  });

  it('says when the saved file is empty, and reports a bad -o', () => {
    const { run } = session();
    const out = run(`kubectl create deployment web --image=nginx
KUBE_EDITOR="sed -i 's/.*//'" kubectl edit deploy/web
kubectl edit deploy/web -o wide
kubectl edit`);
    expect(out).toContain('Edit cancelled, saved file was empty.\n');
    expect(out).toContain('error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n');
    expect(out).toContain('error: You must provide one or more resources by argument or filename.\n');
  });
});
