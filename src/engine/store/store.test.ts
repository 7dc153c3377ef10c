import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects';
import { Store } from './store';

const pod = (name: string, ns = 'default', labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
});

describe('Store', () => {
  it('stamps increasing resourceVersions and lists in namespace/name order', () => {
    const s = new Store();
    s.put('pods', pod('b'));
    s.put('pods', pod('a', 'kube-system'));
    s.put('pods', pod('a'));
    expect(s.list('pods').map((o) => `${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`)).toEqual([
      'default/a@3',
      'default/b@1',
      'kube-system/a@2',
    ]);
    expect(s.list('pods', 'kube-system')).toHaveLength(1);
  });

  it('reports ADDED, MODIFIED and DELETED with the old object, and replays from a resourceVersion', () => {
    const s = new Store();
    const seen: string[] = [];
    s.subscribe((e) => seen.push(`${e.type} ${e.object.metadata.name} old=${e.old?.metadata.resourceVersion ?? '-'}`));
    s.put('pods', pod('a'));
    s.put('pods', pod('a'));
    s.remove('pods', 'default', 'a');
    expect(seen).toEqual(['ADDED a old=-', 'MODIFIED a old=1', 'DELETED a old=2']);
    expect(s.changesSince(1)!.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
  });

  it('compacts history and says so for revisions that are gone', () => {
    const s = new Store(10);
    for (let i = 0; i < 30; i++) s.put('pods', pod(`p${i}`));
    expect(s.changesSince(1)).toBeUndefined();
    expect(s.changesSince(29)).toHaveLength(1);
  });

  it('keeps secondary indexes current', () => {
    const s = new Store();
    s.addIndex('pods', 'app', (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []));
    s.put('pods', pod('a', 'default', { app: 'web' }));
    s.put('pods', pod('b', 'default', { app: 'web' }));
    s.put('pods', pod('a', 'default', { app: 'db' }));
    expect(s.byIndex('pods', 'app', 'web').map((o) => o.metadata.name)).toEqual(['b']);
    s.remove('pods', 'default', 'b');
    expect(s.byIndex('pods', 'app', 'web')).toEqual([]);
  });

  it('round-trips through a snapshot', () => {
    const s = new Store();
    s.put('pods', pod('a'));
    s.put('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    const copy = Store.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(copy.snapshot()).toEqual(s.snapshot());
    expect(copy.put('pods', pod('b')).metadata.resourceVersion).toBe('3');
  });
});

describe('Store.get by namespace and name', () => {
  it('answers what a scan of list() answers, through puts, removals and a restore', () => {
    let s = 7;
    const next = (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
    let store = new Store();
    const namespaces = [undefined, '', 'default', 'kube-system', 'a'];
    const names = ['x', 'y', 'z', 'default', 'a'];
    const resources = ['pods', 'nodes'];
    for (let step = 0; step < 2000; step++) {
      const resource = resources[next(2)];
      const namespace = namespaces[next(namespaces.length)];
      const name = names[next(names.length)];
      if (next(3) === 0) store.remove(resource, namespace, name);
      else store.put(resource, { apiVersion: 'v1', kind: 'X', metadata: { name, namespace, labels: { step: String(step) } } });
      if (step === 1000) store = Store.restore(JSON.parse(JSON.stringify(store.snapshot())));
      for (const r of resources)
        for (const ns of namespaces)
          for (const n of names) {
            const scanned = store.list(r).find((o) => (o.metadata.namespace || '') === (ns || '') && o.metadata.name === n);
            expect(store.get(r, ns, n)).toBe(scanned);
          }
      for (const r of resources)
        for (const ns of namespaces)
          if (ns !== undefined) expect(store.list(r, ns)).toEqual(store.list(r).filter((o) => o.metadata.namespace === ns));
    }
  });
});

describe('Store indexes', () => {
  const app = (o: KubeObject) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []);

  it('moves an object between buckets using the values its stored version was indexed under', () => {
    const s = new Store();
    s.addIndex('pods', 'app', app);
    s.put('pods', pod('a', 'default', { app: 'web' }));
    s.put('pods', pod('a', 'default', { app: 'db' }));
    s.put('pods', pod('b', 'default', { app: 'web' }));
    expect(s.byIndex('pods', 'app', 'web').map((o) => o.metadata.name)).toEqual(['b']);
    expect(s.byIndex('pods', 'app', 'db').map((o) => o.metadata.labels?.app)).toEqual(['db']);
    s.remove('pods', 'default', 'a');
    expect(s.byIndex('pods', 'app', 'db')).toEqual([]);
    expect(s.count('pods')).toBe(1);
  });

  it('indexes what exists when declared, after a restore too, and a name declared again replaces its index', () => {
    const s = new Store();
    s.put('pods', pod('a', 'default', { app: 'web', tier: 'front' }));
    const copy = Store.restore(JSON.parse(JSON.stringify(s.snapshot())));
    copy.addIndex('pods', 'app', app);
    copy.addIndex('pods', 'other', () => ['x']);
    copy.addIndex('pods', 'app', (o) => [o.metadata.labels?.tier ?? '']);
    expect(copy.byIndex('pods', 'app', 'front').map((o) => o.metadata.name)).toEqual(['a']);
    expect(copy.byIndex('pods', 'app', 'web')).toEqual([]);
    copy.put('pods', pod('a', 'default', { tier: 'back' }));
    expect(copy.byIndex('pods', 'app', 'front')).toEqual([]);
    expect(copy.byIndex('pods', 'app', 'back').map((o) => o.metadata.resourceVersion)).toEqual(['2']);
    expect(copy.byIndex('pods', 'other', 'x')).toHaveLength(1);
  });

  it('keeps the newest changes when history is compacted', () => {
    const s = new Store(10);
    for (let i = 0; i < 40; i++) s.put('pods', pod(`p${i}`));
    expect(s.changesSince(s.compacted)!.map((e) => e.resourceVersion)).toEqual(
      Array.from({ length: 40 - s.compacted }, (_, i) => s.compacted + 1 + i),
    );
    expect(s.changesSince(39)!.map((e) => e.object.metadata.name)).toEqual(['p39']);
  });
});
