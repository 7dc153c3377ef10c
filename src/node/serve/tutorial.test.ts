/**
 * The Kubernetes basics tutorial (kubernetes.io/docs/tutorials/kubernetes-basics, modules 2–6)
 * with the real kubectl 1.34 against an in-process `pilothouse serve`: create a Deployment,
 * explore it (`kubectl proxy` and the pod's proxy subresource, logs, exec with bash, curl inside the
 * container), expose it as a NodePort Service, label, delete the Service, scale to 4 and back,
 * roll out v2, a bad v10 and undo; then `kubectl port-forward`. The cluster runs at 60× so the
 * waits take wall seconds.
 * Skipped, saying why, when no real kubectl can run here.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, identityOf } from '../../engine/cluster/create';
import { findKubectl } from './conformance/kubectlBinary';
import { kubeconfigFor } from './kubeconfig';
import { startApiServer, type RunningServer } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const kubectl = findKubectl(ROOT);
const title = kubectl.path ? 'the Kubernetes basics tutorial with the real kubectl' : `the Kubernetes basics tutorial (skipped: ${'why' in kubectl ? kubectl.why : ''})`;
const STEP = 60_000;

let server: RunningServer;
let home: string;
let kubeconfig: string;
let proxy: ChildProcess | undefined;
let proxyUrl = '';
let POD = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real kubectl, asynchronously: the server answers on this same event loop. */
function k(args: string[], input?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(kubectl.path!, ['--kubeconfig', kubeconfig, '--cache-dir', join(home, 'cache'), ...args], { env: { HOME: home, PATH: process.env.PATH }, timeout: 60_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k(args, input);
  expect(r.code, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${proxyUrl}${path}`);
  return { status: res.status, text: await res.text() };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const HELLO = (pod: string, v: number) => `Hello Kubernetes bootcamp! | Running on: ${pod} | v=${v}\n`;
const HELLO_ANY = /^Hello Kubernetes bootcamp! \| Running on: (kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}) \| v=(\d)\n$/;

describe.skipIf(!kubectl.path)(title, () => {
  beforeAll(async () => {
    const sim = createCluster({ profile: 'aks', seed: 1 });
    server = await startApiServer({ sim, speed: 60, tickMs: 20 });
    home = mkdtempSync(join(tmpdir(), 'pilothouse-tutorial-'));
    kubeconfig = join(home, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(identityOf(sim).context, server.url), { mode: 0o600 });
  });

  afterAll(async () => {
    proxy?.kill('SIGTERM');
    await server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('module 2: create a Deployment and see it run', async () => {
    expect(await ok(['version'])).toMatch(/Server Version: v1\.34\./);
    expect(await ok(['get', 'nodes'])).toMatch(/aks-nodepool1-\S+\s+Ready/);
    expect(await ok(['create', 'deployment', 'kubernetes-bootcamp', '--image=gcr.io/google-samples/kubernetes-bootcamp:v1'])).toBe('deployment.apps/kubernetes-bootcamp created\n');
    expect(await ok(['rollout', 'status', 'deployment/kubernetes-bootcamp'])).toMatch(/deployment "kubernetes-bootcamp" successfully rolled out/);
    expect(await ok(['get', 'deployments'])).toMatch(/^kubernetes-bootcamp\s+1\/1\s+1\s+1\s/m);
  }, STEP);

  it('module 3: get, describe, kubectl proxy and the pod proxy, logs, exec', async () => {
    POD = (await ok(['get', 'pods', '-o', 'go-template', '--template', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'])).trim();
    expect(POD).toMatch(/^kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(await ok(['get', 'pods'])).toMatch(new RegExp(`^${POD}\\s+1/1\\s+Running\\s+0\\s`, 'm'));
    const describe = await ok(['describe', 'pods']);
    expect(describe).toMatch(/Image:\s+gcr\.io\/google-samples\/kubernetes-bootcamp:v1/);
    expect(describe).toMatch(/Normal\s+Started\s+\S+\s+kubelet\s+Started container kubernetes-bootcamp/);

    // kubectl proxy is the real kubectl's own HTTP server in front of the API.
    proxy = spawn(kubectl.path!, ['--kubeconfig', kubeconfig, 'proxy', '--port=0'], { env: { HOME: home, PATH: process.env.PATH } });
    let banner = '';
    proxy.stdout!.on('data', (d) => (banner += d));
    proxyUrl = await until('kubectl proxy', async () => /Starting to serve on (127\.0\.0\.1:\d+)/.exec(banner)?.[1]).then((a) => `http://${a}`);
    expect(JSON.parse((await get('/version')).text)).toMatchObject({ major: '1', minor: '34' });
    expect(await get(`/api/v1/namespaces/default/pods/${POD}:8080/proxy/`)).toEqual({ status: 200, text: HELLO(POD, 1) });
    // No port: the pod declares none, so the apiserver dials port 80, where nothing listens.
    const refused = await get(`/api/v1/namespaces/default/pods/${POD}/proxy/`);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text).message).toMatch(/^error trying to reach service: dial tcp 10\.244\.\d+\.\d+:80: connect: connection refused$/);

    expect(await ok(['logs', POD])).toMatch(new RegExp(`^Kubernetes Bootcamp App Started At: \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\| Running On:  ${POD} \\n`));
    const env = await ok(['exec', POD, '--', 'env']);
    expect(env).toContain(`HOSTNAME=${POD}\n`);
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.0.0.1\n');
    const shell = await ok(['exec', '-i', POD, '--', 'bash'], 'cat server.js\ncurl http://localhost:8080\nexit\n');
    expect(shell).toContain('http.createServer(answer).listen(8080');
    expect(shell).toContain(HELLO(POD, 1));
  }, STEP);

  it('module 4: expose a NodePort Service, label, delete the Service', async () => {
    expect(await ok(['expose', 'deployment/kubernetes-bootcamp', '--type=NodePort', '--port', '8080'])).toBe('service/kubernetes-bootcamp exposed\n');
    expect(await ok(['get', 'services'])).toMatch(/^kubernetes-bootcamp\s+NodePort\s+10\.0\.\d+\.\d+\s+<none>\s+8080:3\d{4}\/TCP\s/m);
    const described = await ok(['describe', 'services/kubernetes-bootcamp']);
    expect(described).toMatch(/^Endpoints:\s+10\.244\.\d+\.\d+:8080$/m);
    const nodePort = await ok(['get', 'services/kubernetes-bootcamp', '-o', 'go-template={{(index .spec.ports 0).nodePort}}']);
    expect(described).toContain(`NodePort:                 <unset>  ${nodePort}/TCP`);
    // The tutorial's `curl http://$(minikube ip):$NODE_PORT`, from inside the cluster, and through the service proxy.
    const nodeIP = await ok(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}']);
    expect(await ok(['exec', POD, '--', 'curl', '-s', `http://${nodeIP}:${nodePort}`])).toBe(HELLO(POD, 1));
    expect(await get('/api/v1/namespaces/default/services/kubernetes-bootcamp:8080/proxy/')).toEqual({ status: 200, text: HELLO(POD, 1) });

    expect(await ok(['get', 'pods', '-l', 'app=kubernetes-bootcamp'])).toContain(POD);
    expect(await ok(['label', 'pods', POD, 'version=v1'])).toBe(`pod/${POD} labeled\n`);
    expect(await ok(['describe', 'pods', POD])).toMatch(/^\s+version=v1$/m);
    expect(await ok(['get', 'pods', '-l', 'version=v1'])).toContain(POD);
    expect(await ok(['delete', 'service', '-l', 'app=kubernetes-bootcamp'])).toBe('service "kubernetes-bootcamp" deleted from default namespace\n');
    expect(await ok(['get', 'services'])).not.toContain('kubernetes-bootcamp');
    expect((await get('/api/v1/namespaces/default/services/kubernetes-bootcamp:8080/proxy/')).status).toBe(404);
    // The app still runs inside the pod.
    expect(await ok(['exec', POD, '--', 'curl', '-s', 'http://localhost:8080'])).toBe(HELLO(POD, 1));
  }, STEP);

  it('module 5: scale to 4 and back to 2, load-balanced through the Service', async () => {
    await ok(['expose', 'deployment/kubernetes-bootcamp', '--type=NodePort', '--port', '8080']);
    expect(await ok(['get', 'rs'])).toMatch(/^kubernetes-bootcamp-[a-z0-9]+\s+1\s+1\s+1\s/m);
    expect(await ok(['scale', 'deployments/kubernetes-bootcamp', '--replicas=4'])).toBe('deployment.apps/kubernetes-bootcamp scaled\n');
    await ok(['rollout', 'status', 'deployment/kubernetes-bootcamp']);
    expect(await ok(['get', 'deployments'])).toMatch(/^kubernetes-bootcamp\s+4\/4\s+4\s+4\s/m);
    const wide = await ok(['get', 'pods', '-o', 'wide']);
    expect(wide.trim().split('\n').slice(1).filter((l) => /\s1\/1\s+Running\s/.test(l))).toHaveLength(4);
    const ep = await k(['get', 'ep', 'kubernetes-bootcamp']);
    expect(ep.stderr).toContain('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    expect(ep.stdout).toMatch(/^kubernetes-bootcamp\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080 \+ 1 more\.\.\.\s/m);
    const seen = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const r = await get('/api/v1/namespaces/default/services/kubernetes-bootcamp/proxy/');
      seen.add(HELLO_ANY.exec(r.text)?.[1] ?? r.text);
    }
    expect(seen.size).toBeGreaterThan(1);
    for (const p of seen) expect(wide).toContain(p);
    expect(await ok(['scale', 'deployments/kubernetes-bootcamp', '--replicas=2'])).toBe('deployment.apps/kubernetes-bootcamp scaled\n');
    expect(await ok(['get', 'deployments'])).toMatch(/^kubernetes-bootcamp\s+2\/2\s+2\s+2\s/m);
  }, STEP);

  it('module 6: roll out v2, a missing v10, and undo', async () => {
    await ok(['scale', 'deployments/kubernetes-bootcamp', '--replicas=4']);
    await ok(['rollout', 'status', 'deployment/kubernetes-bootcamp']);
    expect(await ok(['set', 'image', 'deployments/kubernetes-bootcamp', 'kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2'])).toBe('deployment.apps/kubernetes-bootcamp image updated\n');
    expect(await ok(['rollout', 'status', 'deployments/kubernetes-bootcamp'])).toMatch(/deployment "kubernetes-bootcamp" successfully rolled out\n$/);
    // rollout status returns once the new pods are available; the old ones leave the Service's
    // endpoints as they start terminating, which a loaded machine may not have reached yet.
    const v2 = await until('the Service answering from v2 only', async () => {
      const replies = await Promise.all([0, 1, 2, 3].map(() => get('/api/v1/namespaces/default/services/kubernetes-bootcamp:8080/proxy/')));
      return replies.every((r) => HELLO_ANY.exec(r.text)?.[2] === '2') ? replies[0] : undefined;
    });
    expect(HELLO_ANY.exec(v2.text)?.[2]).toBe('2');
    expect(await ok(['describe', 'deployment', 'kubernetes-bootcamp'])).toMatch(/Image:\s+docker\.io\/jocatalin\/kubernetes-bootcamp:v2/);

    await ok(['set', 'image', 'deployments/kubernetes-bootcamp', 'kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10']);
    const bad = await until('a pod failing to pull v10', async () => {
      const out = await ok(['get', 'pods']);
      return /\s0\/1\s+(ErrImagePull|ImagePullBackOff)\s/.test(out) ? out : undefined;
    });
    expect(bad.split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(await ok(['describe', 'pods'])).toMatch(/Failed to pull image "gcr\.io\/google-samples\/kubernetes-bootcamp:v10"/);
    expect(await ok(['rollout', 'undo', 'deployments/kubernetes-bootcamp'])).toBe('deployment.apps/kubernetes-bootcamp rolled back\n');
    await ok(['rollout', 'status', 'deployments/kubernetes-bootcamp']);
    // v1 pods replaced earlier may still be in their 30 s grace period (the image's shell as PID 1
    // ignores SIGTERM); at speed 60 that is half a real second, longer on a loaded machine.
    const onlyV2 = await until('only v2 pods running', async () => {
      const images = await ok(['get', 'pods', '-l', 'app=kubernetes-bootcamp', '--field-selector=status.phase=Running', '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}']);
      const set = new Set(images.trim().split('\n'));
      return set.size === 1 ? set : undefined;
    });
    expect(onlyV2).toEqual(new Set(['docker.io/jocatalin/kubernetes-bootcamp:v2']));
  }, STEP);

  it('beyond the tutorial: kubectl port-forward to the pod and the Service (WebSocket, SPDY tunnelled)', async () => {
    const forward = async (target: string, ports: string): Promise<{ child: ChildProcess; port: string; out: () => string }> => {
      const child = spawn(kubectl.path!, ['--kubeconfig', kubeconfig, 'port-forward', target, ports], { env: { HOME: home, PATH: process.env.PATH } });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const port = await until(`port-forward ${target}`, async () => /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out)?.[1]);
      return { child, port, out: () => out };
    };
    const pod = (await ok(['get', 'pods', '-l', 'app=kubernetes-bootcamp', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
    const toPod = await forward(`pod/${pod}`, ':8080');
    const toSvc = await forward('svc/kubernetes-bootcamp', ':8080');
    const toNothing = await forward(pod, ':9999');
    try {
      for (let i = 0; i < 2; i++) expect(await (await fetch(`http://127.0.0.1:${toPod.port}/`)).text()).toBe(HELLO(pod, 2));
      expect(HELLO_ANY.exec(await (await fetch(`http://127.0.0.1:${toSvc.port}/x`)).text())?.[2]).toBe('2');
      await expect(fetch(`http://127.0.0.1:${toNothing.port}/`)).rejects.toThrow();
      await until('the kubelet\'s error', async () => (/an error occurred forwarding \d+ -> 9999: error forwarding port 9999 to pod [0-9a-f]{64}, uid : .*dial tcp4 127\.0\.0\.1:9999: connect: connection refused/.test(toNothing.out()) ? true : undefined));
    } finally {
      for (const f of [toPod, toSvc, toNothing]) f.child.kill('SIGTERM');
    }
  }, STEP);
});
