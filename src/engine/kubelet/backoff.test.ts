import { describe, expect, it } from 'vitest';
import { boot, containerStatus, createPod, getPod, podEvents, waitFor } from './testing';

/** Times (virtual ms) at which a watched predicate on the pod first became true, each time it did. */
function watchTransitions(sim: ReturnType<typeof boot>['sim'], name: string, key: (pod: any) => string | undefined): { at: number; value: string }[] {
  const seen: { at: number; value: string }[] = [];
  let last: string | undefined;
  sim.store.subscribe((e) => {
    if (e.resource !== 'pods' || e.object.metadata.name !== name) return;
    const v = key(e.object);
    if (v !== undefined && v !== last) seen.push({ at: sim.now(), value: v });
    last = v;
  });
  return seen;
}

describe('image pull back-off', () => {
  it('goes ErrImagePull then ImagePullBackOff, retrying after 10 s, 20 s, 40 s, 80 s', () => {
    const { sim } = boot();
    const seen = watchTransitions(sim, 'bad', (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason);
    createPod(sim, 'bad', [{ name: 'web', image: 'nginx:nope' }]);
    sim.advance(3000);
    // The pod worker requeues a failed sync after 10-15 s; only then is the back-off reported.
    expect(containerStatus(sim, 'bad').state.waiting.reason).toBe('ErrImagePull');
    sim.runUntil(() => containerStatus(sim, 'bad').state.waiting?.reason === 'ImagePullBackOff', 40_000);
    const backOffAt = seen.find((s) => s.value === 'ImagePullBackOff')!.at - seen[0].at;
    expect(backOffAt).toBeGreaterThanOrEqual(10_000);
    const cs = containerStatus(sim, 'bad');
    expect(cs.state.waiting.reason).toBe('ImagePullBackOff');
    expect(cs.state.waiting.message).toBe('Back-off pulling image "nginx:nope"');
    const error =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found';
    expect(podEvents(sim, 'bad').slice(0, 3)).toEqual([
      'Normal Pulling Pulling image "nginx:nope"',
      `Warning Failed Failed to pull image "nginx:nope": ${error}`,
      'Warning Failed Error: ErrImagePull',
    ]);
    expect(podEvents(sim, 'bad').slice(-2)).toEqual(['Normal BackOff Back-off pulling image "nginx:nope"', 'Warning Failed Error: ImagePullBackOff']);
    sim.advance(200_000);
    const failures = seen.filter((s) => s.value === 'ErrImagePull').map((s) => s.at);
    const gaps = failures.slice(1).map((t, i) => t - failures[i]);
    expect(gaps.slice(0, 4).map((g) => Math.floor(g / 1000))).toEqual([10, 20, 40, 80]);
    expect(getPod(sim, 'bad')!.status.phase).toBe('Pending');
  });

  it('reports InvalidImageName without pulling', () => {
    const { sim } = boot();
    createPod(sim, 'inv', [{ name: 'web', image: 'NGINX' }]);
    sim.advance(2000);
    const cs = containerStatus(sim, 'inv');
    expect(cs.state.waiting.reason).toBe('InvalidImageName');
    expect(podEvents(sim, 'inv')).toEqual([
      `Warning InspectFailed ${cs.state.waiting.message}`,
      'Warning Failed Error: InvalidImageName',
    ]);
    expect(cs.state.waiting.message).toMatch(/^Failed to apply default image tag "NGINX": couldn't parse image name "NGINX": /);
  });
});

describe('CrashLoopBackOff', () => {
  it('restarts at once, then after 10 s, 20 s, 40 s … capped at 5 min', () => {
    const { sim } = boot();
    const seen = watchTransitions(sim, 'crash', (p) => {
      const s = p.status?.containerStatuses?.[0];
      if (!s) return undefined;
      if (s.state.running) return `running:${s.restartCount}`;
      if (s.state.terminated) return `terminated:${s.restartCount}`;
      return `waiting:${s.state.waiting.reason}:${s.restartCount}`;
    });
    const pod = createPod(sim, 'crash', [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }]);
    sim.advance(20 * 60_000);
    const crashes = seen.filter((s) => s.value.startsWith('terminated')).map((s) => s.at);
    expect(crashes.length).toBeGreaterThan(8);
    // Restart n (restartCount becomes n) follows crash n by the back-off, plus create/start latency under 0.3 s.
    const delays: number[] = [];
    for (let n = 1; n <= 8; n++) {
      const crashAt = crashes[n - 1];
      const restartAt = seen.find((s) => s.value.endsWith(`:${n}`) && s.at > crashAt)!.at;
      delays.push(Math.round((restartAt - crashAt) / 1000));
    }
    expect(delays).toEqual([1, 10, 20, 40, 80, 160, 300, 300]);
    const cs = containerStatus(sim, 'crash');
    expect(getPod(sim, 'crash')!.status.phase).toBe('Running');
    const uid = pod.metadata.uid;
    expect(podEvents(sim, 'crash')).toContain(`Warning BackOff Back-off restarting failed container crash in pod crash_default(${uid})`);
    sim.advance(1);
    const waiting = seen.filter((s) => s.value.startsWith('waiting:CrashLoopBackOff'));
    expect(waiting.length).toBeGreaterThan(5);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('shows the back-off in the waiting message', () => {
    const { sim } = boot();
    const pod = createPod(sim, 'crash', [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'exit 1'] }]);
    waitFor(sim, () => containerStatus(sim, 'crash')?.state.waiting?.reason === 'CrashLoopBackOff');
    expect(containerStatus(sim, 'crash').state.waiting.message).toBe(`back-off 10s restarting failed container=crash pod=crash_default(${pod.metadata.uid})`);
    waitFor(sim, () => containerStatus(sim, 'crash')?.state.waiting?.message?.startsWith('back-off 20s') ?? false);
    waitFor(sim, () => containerStatus(sim, 'crash')?.state.waiting?.message?.startsWith('back-off 1m20s') ?? false);
    waitFor(sim, () => containerStatus(sim, 'crash')?.state.waiting?.message?.startsWith('back-off 5m0s') ?? false, 30 * 60_000);
  });
});
