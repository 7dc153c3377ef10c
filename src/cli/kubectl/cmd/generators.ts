/**
 * The objects imperative commands generate (`create deployment`, `run`, `create namespace`),
 * field for field as kubectl 1.34's generators write them, so `--dry-run=client -o yaml` matches.
 */
import type { KubeObject } from '../../../engine/objects';

/** The container name kubectl derives from an image: `registry/team/app:tag` -> `app`. */
export function containerNameFromImage(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const base = noDigest.slice(lastSlash + 1);
  const colon = base.indexOf(':');
  return (colon < 0 ? base : base.slice(0, colon)).replace(/[^a-z0-9-]/g, '-');
}

export interface DeploymentSpecInput {
  name: string;
  images: string[];
  replicas: number;
  port?: number;
  command?: string[];
  namespace?: string;
}

export function deploymentObject(input: DeploymentSpecInput): KubeObject {
  const labels = { app: input.name };
  const containers = input.images.map((image, i) => {
    const c: Record<string, unknown> = {};
    if (input.command?.length && i === 0) c.command = input.command;
    c.image = image;
    c.name = containerNameFromImage(image);
    if (input.port !== undefined && input.port >= 0) c.ports = [{ containerPort: input.port }];
    c.resources = {};
    return c;
  });
  const metadata: KubeObject['metadata'] = { labels, name: input.name };
  if (input.namespace) metadata.namespace = input.namespace;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { labels }, spec: { containers } },
    },
    status: {},
  };
}

export interface PodSpecInput {
  name: string;
  image: string;
  labels?: Record<string, string>;
  env: string[];
  port?: string;
  restart: string;
  command: boolean;
  args: string[];
  imagePullPolicy?: string;
  namespace?: string;
  annotations?: string[];
}

export function podObject(input: PodSpecInput): KubeObject {
  const container: Record<string, unknown> = {};
  if (input.args.length) container[input.command ? 'command' : 'args'] = input.args;
  if (input.env.length) {
    container.env = input.env.map((e) => {
      const i = e.indexOf('=');
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  }
  container.image = input.image;
  if (input.imagePullPolicy) container.imagePullPolicy = input.imagePullPolicy;
  container.name = input.name;
  if (input.port) container.ports = [{ containerPort: Number(input.port) }];
  container.resources = {};
  const metadata: KubeObject['metadata'] = { labels: input.labels ?? { run: input.name }, name: input.name };
  if (input.annotations?.length) {
    metadata.annotations = Object.fromEntries(input.annotations.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  }
  if (input.namespace) metadata.namespace = input.namespace;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: input.restart },
    status: {},
  };
}

export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new Error(`invalid label spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
