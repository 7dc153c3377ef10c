import { describe, expect, it } from 'vitest';
import { withLegacyCreateWebWorker, type PostTarget } from './legacyWebWorker';

function fakeMonaco() {
  const calls: any[] = [];
  const monaco = {
    languages: { id: 'languages' },
    editor: {
      other: () => 'other',
      createWebWorker(opts: any) {
        calls.push(opts);
        return { opts };
      },
    },
  };
  return { monaco, calls };
}

describe('withLegacyCreateWebWorker', () => {
  it('turns the old options into a worker promise that receives the create data first', async () => {
    const { monaco, calls } = fakeMonaco();
    const posted: unknown[] = [];
    const labels: string[] = [];
    const worker: PostTarget = { postMessage: (m) => posted.push(m) };
    const shimmed = withLegacyCreateWebWorker(monaco, (label) => {
      labels.push(label);
      return worker;
    });
    const host = { ping: () => 'pong' };
    shimmed.editor.createWebWorker({ moduleId: 'monaco-yaml/yaml.worker', label: 'yaml', createData: { schemas: [1] }, host });
    expect(calls).toHaveLength(1);
    expect(calls[0].host).toBe(host);
    await expect(calls[0].worker).resolves.toBe(worker);
    expect(labels).toEqual(['yaml']);
    expect(posted).toEqual(['ignore', { schemas: [1] }]);
  });

  it('passes new-style calls through and leaves the rest of the namespace alone', () => {
    const { monaco, calls } = fakeMonaco();
    const shimmed = withLegacyCreateWebWorker(monaco, () => ({ postMessage() {} }));
    const opts = { worker: {} };
    shimmed.editor.createWebWorker(opts);
    expect(calls[0]).toBe(opts);
    expect(shimmed.languages).toBe(monaco.languages);
    expect((shimmed.editor as any).other()).toBe('other');
    expect(monaco.editor.createWebWorker).not.toBe(shimmed.editor.createWebWorker);
  });
});
