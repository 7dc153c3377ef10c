import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster/create';
import { ServeClock } from './clock';

describe('ServeClock', () => {
  it('runs virtual time at the chosen speed', async () => {
    const sim = createCluster({ seed: 1 });
    const clock = new ServeClock(sim, { speed: 60, tickMs: 10 });
    const before = sim.now();
    clock.start();
    await new Promise((r) => setTimeout(r, 120));
    clock.stop();
    const moved = sim.now() - before;
    expect(moved).toBeGreaterThanOrEqual(60 * 80);
    expect(moved).toBeLessThan(60 * 2000);
  });

  it('paused, moves only to the horizon, and only while a client waits', () => {
    const sim = createCluster({ seed: 1 });
    const clock = new ServeClock(sim, { speed: 0, idleMs: 1_000_000 });
    const t0 = sim.now();
    clock.tick();
    expect(sim.now()).toBe(t0);
    clock.setHorizon(t0 + 120_000);
    clock.touch();
    clock.tick();
    expect(sim.now()).toBe(t0);
    const endWait = clock.beginWait();
    for (let i = 0; i < 10_000 && sim.now() < t0 + 120_000; i++) clock.tick();
    expect(sim.now()).toBe(t0 + 120_000);
    clock.tick();
    expect(sim.now()).toBe(t0 + 120_000);
    endWait();
  });

  it('tells listeners when time moves', () => {
    const sim = createCluster({ seed: 1 });
    const clock = new ServeClock(sim, { speed: 0 });
    let calls = 0;
    const off = clock.onAdvance(() => calls++);
    clock.advance(1000);
    off();
    clock.advance(1000);
    expect(calls).toBe(1);
  });
});
