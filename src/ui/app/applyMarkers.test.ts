import { describe, expect, it } from 'vitest';
import { applyMarkers } from './applyMarkers';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n';

describe('applyMarkers', () => {
  it('places field errors on their lines', () => {
    const m = applyMarkers(pod, 'The Pod "p" is invalid: spec.containers[0].image: Required value\n');
    expect(m).toHaveLength(1);
    expect(m[0].line).toBe(6); // the deepest key the text has
  });
  it('places unknown fields', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  tpye: 1\n';
    const m = applyMarkers(text, 'Error from server (BadRequest): error when creating "STDIN": strict decoding error: unknown field "spec.tpye"\n');
    expect(m[0].line).toBe(6);
  });
  it('places values of the wrong type', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n';
    const m = applyMarkers(text, 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n');
    expect(m).toHaveLength(1);
    expect(m[0].line).toBe(6);
  });
  it('marks kubectl warnings as warnings', () => {
    expect(applyMarkers(pod, 'Warning: resource pods/p is missing the kubectl.kubernetes.io/last-applied-configuration annotation\n')[0].severity).toBe('warning');
  });
  it('puts errors without a path on the first line', () => {
    expect(applyMarkers(pod, 'error: no objects passed to apply\n')).toEqual([{ line: 1, message: 'error: no objects passed to apply', severity: 'error' }]);
  });
});
