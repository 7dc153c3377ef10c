/** Reads a lesson's front matter: metadata, the starting cluster and the speed. */
import { parseTime } from '../engine/util/time';
import { Fields } from './fields';
import type { Lesson, LessonSpeed, Level, NodePoolSpec, StartingCluster } from './model';
import { syntaxProblem } from './readOnly';
import type { YamlSource } from './yamlSource';

const KEYS = ['title', 'summary', 'level', 'duration', 'order', 'tags', 'prerequisites', 'cluster', 'speed'];
const CLUSTER_KEYS = ['profile', 'seed', 'nodes', 'nodePools', 'start', 'setup'];
const POOL_KEYS = ['name', 'count', 'mode', 'os', 'vmSize'];
const LEVELS: Level[] = ['beginner', 'intermediate', 'advanced'];
const SPEEDS: LessonSpeed[] = ['pause', 1, 10, 60];
/** The VM size the AKS profile's machines have; other sizes arrive with the AKS cloud. */
export const POOL_VM_SIZE = 'Standard_DS2_v2';

export type LessonMeta = Omit<Lesson, 'slug' | 'intro' | 'steps' | 'files'>;

export function readFrontMatter(src: YamlSource): LessonMeta {
  const meta: LessonMeta = {
    title: '',
    summary: '',
    level: 'beginner',
    duration: '',
    tags: [],
    prerequisites: [],
    cluster: { profile: 'aks', seed: 1, nodes: 3, nodePools: [], setup: [] },
    speed: 1,
  };
  if (src.value === undefined) return meta;
  const f = Fields.of(src, [], src.value, KEYS, 'the front matter');
  if (!f) return meta;
  meta.title = f.str('title', true) ?? '';
  meta.summary = f.str('summary', true) ?? '';
  meta.level = f.oneOf('level', LEVELS) ?? 'beginner';
  meta.duration = f.str('duration', true) ?? '';
  const order = f.int('order', 0);
  if (order !== undefined) meta.order = order;
  meta.tags = f.strList('tags');
  meta.prerequisites = f.strList('prerequisites');
  meta.speed = f.oneOf('speed', SPEEDS) ?? 1;
  if (f.has('cluster')) meta.cluster = readCluster(src, f.value.cluster) ?? meta.cluster;
  return meta;
}

function readCluster(src: YamlSource, value: unknown): StartingCluster | undefined {
  const f = Fields.of(src, ['cluster'], value, CLUSTER_KEYS, 'cluster');
  if (!f) return undefined;
  const profile = f.oneOf('profile', ['aks', 'plain'] as const) ?? 'aks';
  const cluster: StartingCluster = {
    profile,
    seed: f.int('seed', 0) ?? 1,
    nodes: f.int('nodes', 1) ?? 3,
    nodePools: f.list('nodePools').flatMap((p, i) => readPool(src, i, p, profile) ?? []),
    setup: f.strList('setup'),
  };
  const seen = new Set(['nodepool1']);
  cluster.nodePools.forEach((p, i) => {
    if (seen.has(p.name)) src.problem(['cluster', 'nodePools', i, 'name'], `node pool "${p.name}" already exists (the first pool is nodepool1)`);
    seen.add(p.name);
  });
  const start = readStart(f);
  if (start !== undefined) cluster.start = start;
  cluster.setup.forEach((command, i) => {
    const why = syntaxProblem(command);
    if (why) src.problem(['cluster', 'setup', i], `setup command ${why}`);
  });
  return cluster;
}

/** `start:` an RFC 3339 time, read from its text (YAML 1.1 would make a plain one a timestamp). */
function readStart(f: Fields): number | undefined {
  const text = f.str('start');
  if (text === undefined) return undefined;
  const ms = parseTime(text.trim());
  if (ms === null) f.problem('start', `"${text}" is not a date and time like 2026-03-02T09:00:00Z`);
  return ms ?? undefined;
}

function readPool(src: YamlSource, i: number, value: unknown, profile: 'aks' | 'plain'): NodePoolSpec | undefined {
  const path = ['cluster', 'nodePools', i];
  const f = Fields.of(src, path, value, POOL_KEYS, 'a node pool');
  if (!f) return undefined;
  const name = f.str('name', true) ?? '';
  // AKS: Linux pool names are 1–12 lower-case letters and digits, starting with a letter.
  if (name && !/^[a-z][a-z0-9]{0,11}$/.test(name)) f.problem('name', `"${name}" is not a valid node pool name: 1–12 lower-case letters and digits, starting with a letter`);
  const pool: NodePoolSpec = {
    name,
    count: f.int('count', 1) ?? 1,
    mode: f.oneOf('mode', ['System', 'User'] as const) ?? 'User',
    os: f.oneOf('os', ['Linux', 'Windows'] as const) ?? 'Linux',
  };
  const vmSize = f.str('vmSize');
  if (vmSize !== undefined) pool.vmSize = vmSize;
  if (profile !== 'aks') src.problem(path, 'node pools need the aks profile (cluster.profile: aks)');
  if (pool.os === 'Windows') src.problem([...path, 'os'], 'Windows node pools need Windows nodes in the simulation, which a later release adds; use os: Linux for now');
  if (vmSize !== undefined && vmSize !== POOL_VM_SIZE) src.problem([...path, 'vmSize'], `node pools are ${POOL_VM_SIZE} machines for now; other sizes arrive with the AKS cloud`);
  return pool;
}
