import { describe, expect, it } from 'vitest';
import { readOnlyProblem } from './readOnly';

describe('readOnlyProblem', () => {
  it.each([
    'kubectl get pods -o wide',
    'k -n shop get deploy web -o jsonpath="{.status.readyReplicas}"',
    "kubectl describe pod web | grep -c 'Started'",
    'kubectl logs web --tail=5 2>&1 | tail -n 1',
    'kubectl rollout history deployment/web | wc -l',
    'kubectl config current-context',
    'kubectl get nodes --no-headers | awk \'{print $2}\' | sort | uniq -c',
    'kubectl get pods >/dev/null && echo ok',
  ])('accepts %s', (command) => {
    expect(readOnlyProblem(command)).toBeUndefined();
  });

  it.each([
    ['kubectl apply -f web.yaml', 'runs "kubectl apply", which is not a read'],
    ['kubectl config use-context other', 'of config only view, current-context, get-contexts'],
    ['kubectl rollout undo deploy/web', 'of rollout only status, history'],
    ['kubectl get pods > out.txt', 'redirects to a file'],
    ['sim node fail n1', 'runs "sim", which a check may not'],
    ['X=1 kubectl get pods', 'sets a variable'],
    ['for p in a b; do echo $p; done', 'uses "for"'],
    ['echo $(kubectl delete pod web)', 'runs "kubectl delete"'],
    ['kubectl get pods |', 'does not parse'],
    ['$CMD get pods', 'whose name is computed'],
  ])('refuses %s', (command, message) => {
    expect(readOnlyProblem(command)).toContain(message);
  });
});
