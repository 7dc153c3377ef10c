import { describe, expect, it } from 'vitest';
import { Random } from '../sim/random';
import { Simulation } from '../sim/simulation';
import { involvedObjectOf, nanosHex, type InvolvedObject } from './events';

/** A reference model of client-go's dedup: one event per full identity, counted up. */
describe('event recorder dedup', () => {
  it('counts an identical event up and keeps different ones apart (random records)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = new Random(seed);
      const sim = new Simulation({ seed });
      sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
      const objects = ['a', 'b'].map((name) => sim.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } }));
      const refs = [...objects, { kind: 'Node', name: 'node-1' }, { kind: 'Node', name: 'node-2' }];
      const model = new Map<string, number>();
      for (let i = 0; i < 300; i++) {
        const obj = refs[r.int(refs.length)];
        const type = r.int(4) ? 'Normal' : 'Warning';
        const reason = ['Pulled', 'BackOff', 'Started'][r.int(3)];
        const message = ['m1', 'm2', 'm1 '][r.int(3)];
        const source = [{ component: 'kubelet', host: 'node-1' }, { component: 'kubelet', host: 'node-2' }, { component: 'x' }][r.int(3)];
        const fieldPath = r.int(2) ? 'spec.containers{c}' : undefined;
        sim.events.record(source, obj, type, reason, message, fieldPath);
        const id = JSON.stringify(['metadata' in obj ? obj.metadata.uid : obj.name, fieldPath ?? '', type, reason, message, source.component, source.host ?? '']);
        model.set(id, (model.get(id) ?? 0) + 1);
        sim.advance(r.int(3000));
      }
      const events = sim.api.list('events').items as any[];
      const got = new Map<string, number>();
      for (const e of events) {
        const io = e.involvedObject;
        const id = JSON.stringify([io.uid ?? io.name, io.fieldPath ?? '', e.type, e.reason, e.message, e.source.component, e.source.host ?? '']);
        expect(got.has(id)).toBe(false);
        got.set(id, e.count);
      }
      expect(got).toEqual(model);
    }
  });
});

describe('event names', () => {
  it('spells the nanoseconds as BigInt arithmetic would', () => {
    const r = new Random(7);
    const times = [0, 1, 2 ** 24 - 1, 2 ** 24, 1_763_900_000_123.75, Number.MAX_SAFE_INTEGER, -5];
    for (let i = 0; i < 2000; i++) times.push(r.int(2 ** 30) * 2 ** r.int(23) + r.int(1000) / 1000);
    for (const now of times) {
      for (const extra of [0, 1, 999_999, r.int(1_000_000)]) {
        expect(nanosHex(now, extra)).toBe((BigInt(Math.floor(now)) * 1000000n + BigInt(extra)).toString(16));
      }
    }
  });
});

describe('recorded events and typed decoding', () => {
  it('still refuses an event whose values do not decode (it is dropped, as before)', () => {
    const sim = new Simulation({ seed: 1 });
    sim.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const bad = 42 as unknown as string;
    sim.events.record({ component: 'x' }, { kind: 'Node', name: 'node-1' }, 'Normal', 'Reason', bad);
    sim.events.record({ component: 'x', host: bad }, { kind: 'Node', name: 'node-1' }, 'Normal', 'Reason', 'm');
    sim.events.record({ component: 'x' }, { kind: 'Node', name: 'node-1', uid: bad }, 'Normal', 'Reason', 'm');
    expect(sim.api.list('events').items).toEqual([]);
    sim.events.record({ component: 'x' }, { kind: 'Node', name: 'node-1' }, 'Normal', 'Reason', 'm');
    expect(sim.api.list('events').items).toHaveLength(1);
  });
});

describe('involvedObjectOf', () => {
  /** What it returns by definition: a copy without undefined keys, fieldPath (if any) set last. */
  const reference = (ref: InvolvedObject, fieldPath?: string): string => {
    const given: Record<string, unknown> = fieldPath ? { ...ref, fieldPath } : { ...ref };
    return JSON.stringify(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
  };

  it('copies references as they are, keys in order, undefined ones left out', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p', uid: 'u' };
    const refs: InvolvedObject[] = [
      pod,
      { ...pod, uid: undefined },
      { kind: 'Pod', apiVersion: 'v1', namespace: 'ns', name: 'p', uid: 'u' },
      { ...pod, fieldPath: 'spec.containers{a}' },
      { ...pod, resourceVersion: '3' },
      { kind: 'Node', name: 'n' },
    ];
    for (const ref of refs) {
      for (const fieldPath of [undefined, '', 'spec.containers{web}']) {
        const got = involvedObjectOf(ref, fieldPath);
        expect(got).not.toBe(ref);
        expect(JSON.stringify(got)).toBe(reference(ref, fieldPath));
        expect(Object.keys(got).every((k) => got[k as keyof InvolvedObject] !== undefined)).toBe(true);
      }
    }
  });
});
