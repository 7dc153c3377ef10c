#!/usr/bin/env node
// Generates src/engine/api/schema/knownFields.json: the fields each served kind knows, read from the
// `kubernetes-types` declarations with the TypeScript compiler API. The API server's strict field
// validation (unknown fields) and its type checks (`cannot unmarshal bool into Go struct field ...`)
// walk objects with this table.
//
//   node scripts/gen-known-fields.mjs
//
// Encoding of a field's type: a type name (a key of `types`), or one of the scalars
// `string`, `int32`, `int64`, `number`, `boolean`, `quantity` (string or number), `int-or-string`,
// `time` (metav1.Time / MicroTime: an RFC 3339 string), `any` (free-form JSON such as RawExtension);
// `[T]` is a list of T, `{T}` a map from string to T. The API server's typed decoding
// (src/engine/api/typedDecoding.ts) checks every write against these types.
//
// kubernetes-types is at 1.30: POST_PROCESS adds the fields 1.31–1.34 added that real manifests use.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');
const out = join(root, 'src/engine/api/schema/knownFields.json');

/** apiVersion/Kind → the declaration file that defines the kind. */
const ROOTS = [
  ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Namespace'], ['v1', 'Node'],
  ['v1', 'ServiceAccount'], ['v1', 'PersistentVolumeClaim'], ['v1', 'PersistentVolume'], ['v1', 'Event'],
  ['v1', 'Endpoints'], ['v1', 'LimitRange'], ['v1', 'ResourceQuota'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'ControllerRevision'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['coordination.k8s.io/v1', 'Lease'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
];

/** Go int64 fields (the declarations only say `number`); every other integer is an int32. */
const INT64 = new Set([
  'activeDeadlineSeconds', 'terminationGracePeriodSeconds', 'runAsUser', 'runAsGroup', 'fsGroup',
  'supplementalGroups', 'deletionGracePeriodSeconds', 'generation', 'observedGeneration', 'expirationSeconds',
  'startingDeadlineSeconds', 'gracePeriodSeconds', 'value' /* PriorityClass */,
]);

/** Fields added in Kubernetes 1.31–1.34 (kubernetes-types stops at 1.30). */
const POST_PROCESS = {
  types: {
    ImageVolumeSource: { reference: 'string', pullPolicy: 'string' },
    NodeFeatures: { supplementalGroupsPolicy: 'boolean' },
    ResourceHealth: { resourceID: 'string', health: 'string' },
    ResourceStatus: { name: 'string', resources: '[ResourceHealth]' },
    LinuxContainerUser: { uid: 'int64', gid: 'int64', supplementalGroups: '[int64]' },
    ContainerUser: { linux: 'LinuxContainerUser' },
    ContainerRestartRule: { action: 'string', exitCodes: 'ContainerRestartRuleOnExitCodes' },
    ContainerRestartRuleOnExitCodes: { operator: 'string', values: '[int32]' },
    FileKeySelector: { volumeName: 'string', path: 'string', key: 'string', optional: 'boolean' },
  },
  fields: {
    PodSpec: { resources: 'ResourceRequirements', hostnameOverride: 'string' },
    PodSecurityContext: { supplementalGroupsPolicy: 'string', seLinuxChangePolicy: 'string' },
    Volume: { image: 'ImageVolumeSource' },
    Container: { restartPolicyRules: '[ContainerRestartRule]' },
    Lifecycle: { stopSignal: 'string' },
    EnvVarSource: { fileKeyRef: 'FileKeySelector' },
    ContainerStatus: { allocatedResourcesStatus: '[ResourceStatus]', user: 'ContainerUser', stopSignal: 'string' },
    PodStatus: { observedGeneration: 'int64' },
    PodCondition: { observedGeneration: 'int64' },
    NodeStatus: { features: 'NodeFeatures' },
    DeploymentStatus: { terminatingReplicas: 'int32' },
    ReplicaSetStatus: { terminatingReplicas: 'int32' },
    JobSpec: { successPolicy: 'any', managedBy: 'string' },
    ServiceSpec: { trafficDistribution: 'string' },
  },
};

const files = [...new Set(ROOTS.map(([v]) => declFile(v)))];
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

function declFile(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return join(typesDir, group.split('.')[0], `${version}.d.ts`);
}

/** Interface declarations by name, with the module they come from (to tell same-named types apart). */
const names = new Map(); // ts.Symbol -> table key
const taken = new Map(); // table key -> ts.Symbol
const types = {};

function keyFor(symbol) {
  if (names.has(symbol)) return names.get(symbol);
  const decl = symbol.declarations[0];
  const module = decl.getSourceFile().fileName.slice(typesDir.length + 1).replace(/\.d\.ts$/, '');
  let key = symbol.name;
  if (taken.has(key) && taken.get(key) !== symbol) key = `${symbol.name}@${module}`;
  names.set(symbol, key);
  taken.set(key, symbol);
  return key;
}

function describe(type, field) {
  if (type.aliasSymbol?.name === 'Quantity') return 'quantity';
  if (type.aliasSymbol?.name === 'Time' || type.aliasSymbol?.name === 'MicroTime') return 'time';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.length === 1) return describe(parts[0], field);
    const flags = parts.map((t) => t.flags);
    if (flags.some((f) => f & ts.TypeFlags.NumberLike) && flags.some((f) => f & ts.TypeFlags.StringLike)) return 'int-or-string';
    if (flags.every((f) => f & ts.TypeFlags.StringLike)) return 'string';
    if (flags.every((f) => f & ts.TypeFlags.BooleanLike)) return 'boolean';
    return 'any';
  }
  if (type.flags & ts.TypeFlags.StringLike) return 'string';
  if (type.flags & ts.TypeFlags.NumberLike) return INT64.has(field) ? 'int64' : 'int32';
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (checker.isArrayType(type)) return `[${describe(checker.getTypeArguments(type)[0], field)}]`;
  const index = type.getStringIndexType?.();
  if (index && type.getProperties().length === 0) return `{${describe(index, field)}}`;
  const symbol = type.getSymbol();
  if (!symbol || type.getProperties().length === 0) return 'any';
  const key = keyFor(symbol);
  if (!types[key]) walk(key, type);
  return key;
}

function walk(key, type) {
  const fields = (types[key] = {});
  for (const prop of type.getProperties()) {
    const decl = prop.valueDeclaration ?? prop.declarations[0];
    let described = describe(checker.getTypeOfSymbolAtLocation(prop, decl), prop.name);
    // Aliases are lost inside index signatures and arrays: read the declared text.
    if (/\bQuantity\b/.test(decl.type?.getText() ?? '')) described = described.replace('string', 'quantity');
    else if (/\b(Micro)?Time\b/.test(decl.type?.getText() ?? '')) described = described.replace('string', 'time');
    fields[prop.name] = described;
  }
}

const roots = {};
for (const [apiVersion, kind] of ROOTS) {
  const source = program.getSourceFile(declFile(apiVersion));
  const module = checker.getSymbolAtLocation(source);
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === kind);
  if (!symbol) throw new Error(`${kind} not found in ${declFile(apiVersion)}`);
  roots[`${apiVersion}/${kind}`] = describe(checker.getDeclaredTypeOfSymbol(symbol), kind);
}

Object.assign(types, POST_PROCESS.types);
for (const [type, add] of Object.entries(POST_PROCESS.fields)) {
  if (!types[type]) throw new Error(`post-process: no type ${type}`);
  Object.assign(types[type], add);
}

const sorted = Object.fromEntries(Object.keys(types).sort().map((k) => [k, types[k]]));
const body = Object.entries(sorted).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n');
writeFileSync(out, `{"roots":${JSON.stringify(roots)},\n"types":{\n${body}}}\n`);
const previous = readFileSync(out, 'utf8');
console.log(`wrote ${out}: ${Object.keys(types).length} types, ${previous.length} bytes`);
