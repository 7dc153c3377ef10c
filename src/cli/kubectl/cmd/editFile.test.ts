import { describe, expect, it } from 'vitest';
import { editHeaderText, editPatch, hasLines, jsonMergePatch, manualStrip, parseEdited, patchChangesIdentity, stripComments } from './editFile';

const deployment = (image: string, replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, ...extra },
  spec: {
    replicas,
    template: { spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }, { name: 'log', image: 'busybox' }] } },
  },
});

describe('the patch kubectl edit sends', () => {
  it('is a strategic merge patch for built-in kinds: lists merge by key, with their order', () => {
    const { type, patch } = editPatch('Deployment', deployment('nginx:1.27', 3), deployment('nginx:1.28', 5));
    expect(type).toBe('strategic');
    expect(patch).toEqual({
      spec: {
        replicas: 5,
        template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'log' }], containers: [{ image: 'nginx:1.28', name: 'web' }] } },
      },
    });
  });

  it('deletes removed fields with null and never names what did not change', () => {
    const original = deployment('nginx', 1, { annotations: { team: 'a' } });
    const { patch } = editPatch('Deployment', original, deployment('nginx', 1));
    expect(patch).toEqual({ metadata: { annotations: null } });
    expect(editPatch('Deployment', original, original).patch).toEqual({});
  });

  it('is a JSON merge patch for kinds without a schema', () => {
    const before = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, tags: ['a'], old: true } };
    const after = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 2, tags: ['a', 'b'] } };
    expect(editPatch('Widget', before, after)).toEqual({ type: 'merge', patch: { spec: { old: null, size: 2, tags: ['a', 'b'] } } });
    expect(jsonMergePatch({ a: { b: 1 } }, { a: { b: 1 } })).toEqual({});
  });

  it('refuses a change of apiVersion, kind or name', () => {
    expect(patchChangesIdentity({ metadata: { name: 'x' } })).toBe(true);
    expect(patchChangesIdentity({ kind: 'Pod' })).toBe(true);
    expect(patchChangesIdentity({ metadata: { labels: { a: 'b' } }, spec: { replicas: 2 } })).toBe(false);
  });
});

describe('the edited file', () => {
  it('starts with kubectl\'s header, and the reasons of a failed save', () => {
    expect(editHeaderText([])).toBe(`# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`);
    const reasons = [
      { head: 'deployments.apps "web" was not valid', other: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
      { head: 'The edited file had a syntax error: line one\nline two', other: [] },
    ];
    expect(editHeaderText(reasons).split('\n').slice(4)).toEqual([
      '# deployments.apps "web" was not valid:',
      '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      '#',
      '# The edited file had a syntax error: line one',
      '# line two',
      '#',
      '',
    ]);
  });

  it('is compared without comments, by content', () => {
    expect(stripComments('# a\nx: 1\n')).toBe(stripComments('x:   1 # b\n'));
    expect(stripComments('x: 1\n')).not.toBe(stripComments('x: 2\n'));
    expect(manualStrip('# a\n  # b\n#!keep\nx: 1')).toBe('#!keep\nx: 1');
    expect(hasLines('# only\n\n  # comments\n')).toBe(false);
    expect(hasLines('# c\nx: 1\n')).toBe(true);
  });

  it('is parsed into objects (a List flattened), or a syntax error as kubectl words it', () => {
    expect(parseEdited('apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n- kind: Service\n')).toEqual({ objects: [{ kind: 'Pod' }, { kind: 'Service' }] });
    expect(parseEdited('a: b: c\n')).toEqual({ error: 'error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context' });
  });
});
