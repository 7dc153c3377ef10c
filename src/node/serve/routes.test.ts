import { describe, expect, it } from 'vitest';
import { parseApiPath } from './routes';

const route = (p: string) => {
  const r = parseApiPath(p);
  return r.kind === 'resource' ? { resource: r.route.type.plural, ns: r.route.namespace, name: r.route.name, sub: r.route.subresource, watch: r.route.watchPrefix } : r.kind;
};

describe('parseApiPath', () => {
  it('routes namespaced, cluster-scoped and subresource paths', () => {
    expect(route('/api/v1/namespaces/default/pods')).toEqual({ resource: 'pods', ns: 'default', name: undefined, sub: undefined, watch: false });
    expect(route('/api/v1/pods')).toEqual({ resource: 'pods', ns: undefined, name: undefined, sub: undefined, watch: false });
    expect(route('/api/v1/namespaces/default/pods/web/log')).toMatchObject({ name: 'web', sub: 'log' });
    expect(route('/apis/apps/v1/namespaces/x/deployments/web/scale')).toMatchObject({ resource: 'deployments', ns: 'x', sub: 'scale' });
    expect(route('/api/v1/nodes/n1/status')).toMatchObject({ resource: 'nodes', name: 'n1', sub: 'status' });
    expect(route('/api/v1/watch/namespaces/default/pods')).toMatchObject({ resource: 'pods', watch: true });
  });

  it('tells the namespace itself from resources inside it', () => {
    expect(route('/api/v1/namespaces/default')).toMatchObject({ resource: 'namespaces', name: 'default' });
    expect(route('/api/v1/namespaces/team/finalize')).toMatchObject({ resource: 'namespaces', name: 'team', sub: 'finalize' });
    expect(route('/api/v1/namespaces/team/widgets')).toBe('unknown');
  });

  it('knows group documents and unknown paths', () => {
    expect(route('/apis/apps')).toBe('group');
    expect(route('/apis/apps/v1')).toBe('groupVersion');
    expect(route('/apis/apps/v2/deployments')).toBe('unknown');
    expect(route('/metrics')).toBe('unknown');
  });
});
