import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_REQUEST, podRequests } from './resources';

const c = (name: string, requests?: Record<string, string>, restartPolicy?: string) => ({ name, image: 'x', ...(requests ? { resources: { requests } } : {}), ...(restartPolicy ? { restartPolicy } : {}) });

describe('podRequests', () => {
  it('sums app containers', () => {
    const pod: Pod = { spec: { containers: [c('a', { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '1', 'nvidia.com/gpu': '1' })] } };
    const r = podRequests(pod);
    expect(r.cpu).toBe(1250);
    expect(r.memory).toBe(64 * 2 ** 20);
    expect(r.scalar).toEqual({ 'nvidia.com/gpu': 1 });
  });

  it('takes the max of the init containers against the app containers (the doc example)', () => {
    const pod: Pod = {
      spec: {
        initContainers: [c('ic1', { cpu: '2', memory: '1G' }), c('ic2', { cpu: '2', memory: '3G' })],
        containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
      },
    };
    const r = podRequests(pod);
    expect(r.cpu).toBe(3000);
    expect(r.memory).toBe(3e9);
  });

  it('adds sidecars to the app containers and to later init containers', () => {
    const pod: Pod = {
      spec: {
        initContainers: [c('side', { cpu: '500m' }, 'Always'), c('init', { cpu: '1' })],
        containers: [c('app', { cpu: '200m' })],
      },
    };
    // app 200m + sidecar 500m = 700m; init runs beside the sidecar: 1500m.
    expect(podRequests(pod).cpu).toBe(1500);
  });

  it('adds the pod overhead', () => {
    const pod: Pod = { spec: { containers: [c('a', { cpu: '100m' })], overhead: { cpu: '250m', memory: '120Mi' } } };
    expect(podRequests(pod).cpu).toBe(350);
    expect(podRequests(pod).memory).toBe(120 * 2 ** 20);
  });

  it('counts missing cpu/memory as 100m/200Mi only when asked (scoring)', () => {
    const pod: Pod = { spec: { containers: [c('a'), c('b', { cpu: '300m' })] } };
    expect(podRequests(pod).cpu).toBe(300);
    const nz = podRequests(pod, true);
    expect(nz.cpu).toBe(400);
    expect(nz.memory).toBe(2 * DEFAULT_MEMORY_REQUEST);
  });

  it('returns a sum of its own for a pod that requests nothing (callers add into it)', () => {
    const pod: Pod = { spec: { containers: [c('a')] } };
    const r = podRequests(pod);
    expect(r).toEqual({ cpu: 0, memory: 0, ephemeral: 0 });
    r.cpu = 5;
    expect(podRequests(pod).cpu).toBe(0);
  });
});
