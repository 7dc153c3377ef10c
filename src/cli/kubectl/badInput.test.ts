/**
 * Bad input never breaks the sandbox: seeded random mutations of valid manifests (wrong types, deep
 * garbage, huge and negative numbers, NaN-like strings, unicode names, missing fields, arrays where
 * objects belong) go through our kubectl (`apply -f -`, `create -f -`, `patch` of each type) on a
 * live cluster. Every command returns, prints an error or succeeds; a failed command leaves the
 * objects in the cluster as they were; and the cluster then runs a few virtual minutes without
 * spinning (the API rejects what the controllers could not digest).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster/create';
import { Random } from '../../engine/sim/random';
import type { Simulation } from '../../engine/sim/simulation';
import { Session } from '../session';
import { runTranscript } from '../transcript';
import { transcriptOf } from './cmd/testing';

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            env: [{ name: 'MODE', value: 'prod' }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 1 } },
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
          },
        ],
        terminationGracePeriodSeconds: 5,
      },
    },
  },
};

const SERVICE = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], type: 'ClusterIP' },
};

const CONFIGMAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'prod', level: '3' } };

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'one', labels: { run: 'one' } },
  spec: { containers: [{ name: 'one', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }], restartPolicy: 'Always' },
};

const MANIFESTS = [DEPLOYMENT, SERVICE, CONFIGMAP, POD];

/** Values that do not belong, none with a `'` (they travel in single-quoted shell words). */
function garbage(r: Random, depth = 0): unknown {
  switch (r.int(12)) {
    case 0:
      return r.pick(['x', '', 'NaN', 'Infinity', '-0', '1e999', 'yes', 'null', '3', '🙂', 'ünïcødé', ' ', '0x1F', '25%%']);
    case 1:
      return r.pick([2 ** 31, 2 ** 32 + 2, 1e12, 1e21, -1, -(2 ** 31) - 1, 1.5, -0.25, 9007199254740993, 0]);
    case 2:
      return r.pick([true, false]);
    case 3:
      return null;
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [1, 'a', {}, null, [true]];
    case 7: {
      // Deep garbage: a nest of objects and arrays.
      let v: unknown = 'bottom';
      for (let i = 0; i < 20 + r.int(40); i++) v = r.int(2) ? { [`k${i}`]: v } : [v];
      return v;
    }
    case 8:
      return 'é'.repeat(1 + r.int(300));
    case 9:
      return { name: garbage(r, depth + 1), value: depth < 2 ? garbage(r, depth + 1) : 1 };
    case 10:
      return [{ name: 'web', image: garbage(r, depth + 1) }];
    default:
      return r.pick(['Always', 'Never', 'TCP', 'RollingUpdate', 'web', 'nginx']);
  }
}

/** The paths of every value in `v` (keys and indexes). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths(child, p, out);
    }
  }
  return out;
}

function setAt(root: any, path: (string | number)[], value: unknown, remove: boolean): void {
  let o = root;
  for (const k of path.slice(0, -1)) o = o[k];
  const last = path[path.length - 1];
  if (remove && Array.isArray(o)) o.splice(last as number, 1);
  else if (remove) delete o[last];
  else o[last] = value;
}

/** A valid manifest with 1–3 random mutations. */
function mutate(r: Random, manifest: object): any {
  const m = structuredClone(manifest) as any;
  for (let n = 1 + r.int(3); n > 0; n--) {
    const all = paths(m);
    if (all.length === 0) break;
    const path = r.pick(all);
    const kind = r.int(10);
    if (kind === 0 && path.length > 1) setAt(m, path, undefined, true);
    else if (kind === 1) {
      // An array where an object belongs, or an object where an array does.
      let o = m;
      for (const k of path) o = o[k];
      setAt(m, path, Array.isArray(o) ? { ...o } : [o], false);
    } else if (kind === 2) m.metadata = { ...m.metadata, name: r.pick(['wéb', 'Web', '', 'a'.repeat(300), '日本', 'web-🙂', '-x-', 'web']) };
    else setAt(m, path, garbage(r), false);
  }
  return m;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A random patch on deployment web: strategic or merge from a mutated manifest, or a JSON patch. */
function randomPatch(r: Random, live: any): string {
  const type = r.pick(['strategic', 'merge', 'json']);
  if (type === 'json') {
    const all = paths(live).filter((p) => p[0] === 'spec' || p[0] === 'metadata');
    const path = `/${r.pick(all).join('/')}`;
    const op = r.pick(['replace', 'add', 'remove', 'test']);
    const body = [{ op, path, ...(op === 'remove' ? {} : { value: garbage(r) }) }];
    return `kubectl patch deployment web --type json -p ${shellQuote(JSON.stringify(body))}`;
  }
  const m = mutate(r, { spec: DEPLOYMENT.spec, metadata: { labels: DEPLOYMENT.metadata.labels } });
  const flag = type === 'strategic' ? '' : ' --type merge';
  const sub = r.int(8) === 0 ? ' --subresource=scale' : '';
  return `kubectl patch deployment web${flag}${sub} -p ${shellQuote(JSON.stringify(sub ? { spec: { replicas: garbage(r) } } : m))}`;
}

const WATCHED = ['deployments.apps', 'services', 'configmaps', 'pods', 'replicasets.apps'];

/** What must not change when a command fails: every object of the kinds the fuzz writes. */
function state(sim: Simulation): string {
  return WATCHED.map((res) => sim.store.list(res, 'default').map((o) => `${res}/${o.metadata.name}@${o.metadata.resourceVersion}`).join(',')).join(';');
}

/** JavaScript's own errors leaking into what kubectl prints. */
const LEAK = /TypeError|ReferenceError|RangeError|Cannot read propert|is not a function|is not iterable|\[object Object\]|undefined is/;

describe('bad input never breaks the sandbox', () => {
  it('survives seeded random mutations through apply, create and patch', () => {
    const sim = createCluster({ seed: 11, nodes: 2 });
    const session = new Session(sim, { fs: { read: () => undefined, write: () => {} } });
    const run = (script: string) => runTranscript(session, script, { strict: true });
    for (const m of MANIFESTS) {
      const setup = run(`kubectl apply -f - <<'EOF'\n${JSON.stringify(m)}\nEOF`);
      expect(setup.status, setup.transcript).toBe(0);
    }
    sim.advance(60_000);

    const r = new Random(20251123);
    let failed = 0;
    for (let i = 0; i < 160; i++) {
      const live = sim.store.get('deployments.apps', 'default', 'web');
      let script: string;
      if (r.int(3) === 0 && live) script = randomPatch(r, live);
      else {
        const verb = r.pick(['apply', 'apply', 'create']);
        script = `kubectl ${verb} -f - <<'EOF'\n${JSON.stringify(mutate(r, r.pick(MANIFESTS)))}\nEOF`;
      }
      const before = state(sim);
      const result = run(script);
      const printed = result.transcript.slice(result.transcript.indexOf('\n', result.transcript.indexOf('$ ')) + 1);
      expect(printed, script).not.toMatch(LEAK);
      if (result.status !== 0) {
        failed++;
        expect(printed, script).toMatch(/error|Error|invalid|Invalid|[Ff]orbidden|[Nn]ot ?[Ff]ound|exists/);
        expect(state(sim), `${script}\n${printed}`).toBe(before);
      }
      // A few virtual minutes: no controller spins (settle would throw) or writes without end.
      const rv = sim.store.resourceVersion;
      sim.advance(3 * 60_000);
      expect(sim.store.resourceVersion - rv, script).toBeLessThan(1500);
    }
    // The mutations mostly break things; some are harmless. Both kinds were exercised.
    expect(failed).toBeGreaterThan(40);
    expect(failed).toBeLessThan(160);
    // The cluster still works.
    expect(run('kubectl scale deployment web --replicas=1').status).toBe(0);
    sim.advance(60_000);
  });

  it('rejects wrong types as the apiserver words them, YAML 1.1 quirks included', () => {
    const web = (replicas: string, value: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, env: [{name: A, value: ${value}}]}]}\n`;
    const out = transcriptOf(
      `kubectl create -f quoted.yaml
kubectl create -f yes.yaml
kubectl create deployment web --image=nginx:1.27
kubectl patch deployment web -p '{"spec":{"replicas":"x"}}'
kubectl patch deployment web --type merge -p '{"spec":{"replicas":"x"}}'
kubectl patch deployment web --subresource=scale --type merge -p '{"spec":{"replicas":"2"}}'
kubectl get deployment web -o jsonpath='{.spec.replicas}'`,
      { 'quoted.yaml': web('"3"', 'on'), 'yes.yaml': web('3', 'yes') },
    );
    expect(out).toContain(
      'Error from server (BadRequest): error when creating "quoted.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    expect(out).toContain(
      'Error from server (BadRequest): error when creating "yes.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n',
    );
    expect(out).toContain('The request is invalid: patch: Invalid value: "map[spec:map[replicas:x]]": unrecognized type: int32\n');
    expect(out).toMatch(/The request is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32\n/);
    expect(out).toMatch(/The request is invalid: patch: Invalid value: "\{\\"kind\\":\\"Scale\\".*\}": json: cannot unmarshal string into Go struct field ScaleSpec\.spec\.replicas of type int32\n/);
    expect(out.trimEnd().endsWith('\n1')).toBe(true);
  });
});
