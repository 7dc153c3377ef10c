import { expect, it } from 'vitest';
import { deployment, readyAll, setImage, testCluster } from '../testCluster';

it('leaves no progress-check timer behind once a rollout completes', () => {
  const c = testCluster();
  c.sim.api.create('deployments.apps', deployment('web', 3));
  c.sim.advance(5000);
  while (readyAll(c.sim) > 0) c.sim.advance(5000);
  setImage(c.sim, 'web', 'nginx:1.27');
  c.sim.advance(5000);
  while (readyAll(c.sim) > 0) c.sim.advance(5000);
  expect(c.sim.queue.pending((e) => e.target === 'deployment-controller')).toEqual([]);
  expect(c.sim.isQuiet()).toBe(true);
});
