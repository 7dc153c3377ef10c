import { describe, expect, it } from 'vitest';
import { fieldPathToRange, parseFieldPath } from './fieldPath';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: three
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: sidecar
          image: busybox
`;

describe('parseFieldPath', () => {
  it('splits names, indexes and bracketed map keys', () => {
    expect(parseFieldPath('spec.template.spec.containers[1].image')).toEqual(['spec', 'template', 'spec', 'containers', '1', 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseFieldPath('')).toEqual([]);
  });
});

describe('fieldPathToRange', () => {
  it('marks a scalar value', () => {
    expect(fieldPathToRange(deployment, 'spec.replicas')).toEqual({
      startLineNumber: 8, startColumn: 13, endLineNumber: 8, endColumn: 18, exact: true,
    });
  });

  it('follows list indexes', () => {
    const r = fieldPathToRange(deployment, 'spec.template.spec.containers[1].image');
    expect(r).toMatchObject({ startLineNumber: 15, startColumn: 18, exact: true });
  });

  it('marks a list item on its first line', () => {
    const r = fieldPathToRange(deployment, 'spec.template.spec.containers[1]');
    expect(r).toMatchObject({ startLineNumber: 14, startColumn: 11, endLineNumber: 14, exact: true });
  });

  it('follows bracketed map keys that contain dots', () => {
    expect(fieldPathToRange(deployment, 'metadata.labels[app.kubernetes.io/name]')).toMatchObject({ startLineNumber: 6, startColumn: 29 });
  });

  it('marks the key of a block value', () => {
    expect(fieldPathToRange(deployment, 'spec.template')).toEqual({
      startLineNumber: 9, startColumn: 3, endLineNumber: 9, endColumn: 11, exact: true,
    });
  });

  it('falls back to the deepest existing key when the field is missing', () => {
    expect(fieldPathToRange(deployment, 'spec.selector')).toMatchObject({ startLineNumber: 7, startColumn: 1, exact: false });
    expect(fieldPathToRange(deployment, 'spec.template.spec.containers[5].image')).toMatchObject({ startLineNumber: 11, exact: false });
  });

  it('counts only documents that hold an object', () => {
    const text = `---\n# nothing here\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: "1"\n---\napiVersion: v1\nkind: Service\nspec:\n  type: Bogus\n---\n`;
    expect(fieldPathToRange(text, 'spec.type', 1)).toMatchObject({ startLineNumber: 12, startColumn: 9, exact: true });
    expect(fieldPathToRange(text, 'data[a]', 0)).toMatchObject({ startLineNumber: 7, exact: true });
    expect(fieldPathToRange(text, 'spec', 2)).toBeNull();
  });

  it('keeps working on text with syntax errors elsewhere', () => {
    const text = 'kind: Pod\nspec:\n  restartPolicy: Sometimes\nbad: [\n';
    expect(fieldPathToRange(text, 'spec.restartPolicy')).toMatchObject({ startLineNumber: 3, startColumn: 18 });
  });
});
