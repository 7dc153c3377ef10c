import { describe, expect, it } from 'vitest';
import { SortFatalError, isLess, sortObjects } from './sortBy';

const names = (objs: { metadata: { name: string } }[]): string => objs.map((o) => o.metadata.name).join(' ');

/**
 * 45 ConfigMaps with many equal keys and missing fields, made by a fixed generator. The expected
 * orders were printed by kubectl 1.34.5 (`kubectl get cm --sort-by=FIELD -o jsonpath=…`) against
 * a server holding exactly these objects: they pin down Go's unstable pdqsort, ties and all.
 */
function fixture() {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const quantities = ['100m', '1', '250m', '0.5', '1Gi', '512Mi', '2', '1k', 'm', ''];
  const objs = [];
  for (let i = 0; i < 45; i++) {
    const o: { metadata: { name: string; creationTimestamp: string }; data: Record<string, string>; n?: number } = {
      metadata: { name: `cm-${String(i).padStart(2, '0')}`, creationTimestamp: `2024-01-01T00:00:0${Math.floor(rnd() * 4)}Z` },
      data: {},
    };
    if (rnd() < 0.8) o.data.q = quantities[Math.floor(rnd() * quantities.length)];
    if (rnd() < 0.7) o.data.s = ['b', 'a', 'c', 'B'][Math.floor(rnd() * 4)];
    if (rnd() < 0.75) o.n = Math.floor(rnd() * 5);
    objs.push(o);
  }
  return objs;
}

const kubectlOrders: Record<string, string> = {
  '.metadata.creationTimestamp':
    'cm-33 cm-22 cm-43 cm-35 cm-04 cm-34 cm-32 cm-28 cm-21 cm-12 cm-13 cm-44 cm-09 cm-06 cm-14 cm-30 cm-16 cm-17 cm-18 cm-07 cm-20 cm-08 cm-10 cm-26 cm-36 cm-25 cm-41 cm-39 cm-38 cm-15 cm-37 cm-31 cm-24 cm-00 cm-29 cm-03 cm-05 cm-23 cm-19 cm-27 cm-40 cm-01 cm-42 cm-02 cm-11',
  '.data.q':
    'cm-28 cm-07 cm-40 cm-05 cm-04 cm-25 cm-44 cm-01 cm-14 cm-19 cm-08 cm-37 cm-31 cm-39 cm-24 cm-36 cm-33 cm-10 cm-03 cm-22 cm-09 cm-30 cm-21 cm-02 cm-16 cm-15 cm-11 cm-23 cm-12 cm-41 cm-26 cm-06 cm-43 cm-13 cm-20 cm-35 cm-38 cm-29 cm-17 cm-00 cm-34 cm-32 cm-27 cm-42 cm-18',
  '.data.s':
    'cm-00 cm-10 cm-20 cm-26 cm-27 cm-15 cm-05 cm-35 cm-38 cm-40 cm-43 cm-17 cm-33 cm-11 cm-37 cm-23 cm-34 cm-01 cm-18 cm-41 cm-39 cm-25 cm-31 cm-24 cm-13 cm-03 cm-08 cm-36 cm-16 cm-29 cm-06 cm-28 cm-21 cm-12 cm-02 cm-04 cm-07 cm-32 cm-22 cm-09 cm-14 cm-19 cm-42 cm-30 cm-44',
  '{.n}':
    'cm-06 cm-19 cm-20 cm-29 cm-43 cm-27 cm-38 cm-12 cm-32 cm-01 cm-10 cm-35 cm-26 cm-28 cm-33 cm-40 cm-37 cm-05 cm-30 cm-31 cm-15 cm-42 cm-13 cm-23 cm-36 cm-11 cm-07 cm-24 cm-44 cm-25 cm-08 cm-09 cm-00 cm-34 cm-04 cm-14 cm-16 cm-17 cm-18 cm-21 cm-39 cm-41 cm-03 cm-02 cm-22',
};

describe('--sort-by', () => {
  it.each(Object.entries(kubectlOrders))('orders 45 objects by %s exactly as kubectl 1.34 does', (field, expected) => {
    expect(names(sortObjects(fixture(), field))).toBe(expected);
  });

  it('leaves the input array alone and keeps an already sorted list', () => {
    const objs = fixture();
    expect(names(sortObjects(objs, 'metadata.name'))).toBe(objs.map((o) => o.metadata.name).join(' '));
  });

  it('compares strings that are quantities as quantities', () => {
    const objs = ['1', '500m', '2Gi', '900Mi'].map((cpu, i) => ({ metadata: { name: `p${i}` }, cpu }));
    expect(names(sortObjects(objs, '.cpu'))).toBe('p1 p0 p3 p2');
  });

  it('puts objects without the field first, reversing their order as Go insertion sort does', () => {
    const objs = [{ metadata: { name: 'a' }, n: 2 }, { metadata: { name: 'b' } }, { metadata: { name: 'c' } }, { metadata: { name: 'd' }, n: 1 }];
    expect(names(sortObjects(objs, '.n'))).toBe('c b d a');
  });

  it('fails when no object has the field', () => {
    expect(() => sortObjects([{ metadata: { name: 'a' } }], '.nope')).toThrow(
      'couldn\'t find any field with path "{.nope}" in the list of objects',
    );
    expect(sortObjects([], '.nope')).toEqual([]);
  });

  it('relaxes the path like a custom column, or says what it expected', () => {
    const objs = [{ metadata: { name: 'b' } }, { metadata: { name: 'a' } }];
    expect(names(sortObjects(objs, '{metadata.name}'))).toBe('a b');
    expect(() => sortObjects(objs, '{.a')).toThrow(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
    expect(() => sortObjects(objs, '{.a', 'table')).toThrow('sorting error: unclosed action');
  });

  it('stops through klog on values it cannot order', () => {
    const objs = [{ metadata: { name: 'a' }, data: { x: '1' } }, { metadata: { name: 'b' }, data: { y: '2' } }];
    const run = () => sortObjects(objs, '.data');
    expect(run).toThrow(SortFatalError);
    expect(run).toThrow(
      'Field {.data} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}',
    );
  });

  it('follows isLess for mixed and null values', () => {
    expect(isLess(null, 'a')).toBe(true);
    expect(isLess(null, null)).toBe(false);
    expect(isLess(2, 10)).toBe(true);
    expect(isLess('10', '9')).toBe(false); // both quantities
    expect(isLess('b10', 'b9')).toBe(true); // plain strings
    expect(() => isLess('a', 1)).toThrow('unsortable interface: interface');
    expect(() => isLess(1, 1.5)).toThrow('unsortable interface: interface');
    expect(() => isLess(true, false)).toThrow('unsortable type: bool');
  });
});
