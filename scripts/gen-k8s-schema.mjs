#!/usr/bin/env node
// Generates src/ui/editor/schema/kubernetes.schema.json: the JSON Schema (draft-07) the YAML editor
// gives monaco-yaml for validation, completion and hover. It is read from the `kubernetes-types`
// declarations with the TypeScript compiler API — the same walk as scripts/gen-known-fields.mjs, but
// this output keeps the JSDoc (hover text), required fields and literal apiVersion/kind values.
//
//   node scripts/gen-k8s-schema.mjs
//
// Shape of the output:
// - the root requires apiVersion and kind, offers every served kind, and dispatches with one
//   `if: {kind: const X} then: {$ref: X}` per kind (a plain anyOf of kinds reports dozens of
//   errors for one typo);
// - each kind's definition closes its objects (`additionalProperties: false`) as the apiserver's
//   strict field validation does; maps of strings stay maps of strings;
// - Quantity is a string matching the apiserver's pattern, or a number; int-or-string is either;
// - `status` is accepted as a free-form object (the server ignores it on apply), which keeps the file
//   small and lets the YAML of a live object (`kubectl get -o yaml`) validate;
// - POST_PROCESS adds the fields 1.31–1.34 added (kubernetes-types stops at 1.30), ENUMS the values
//   a few well-known string fields accept (the declarations say only `string`).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');
const out = join(root, 'src/ui/editor/schema/kubernetes.schema.json');

/** The kinds the sandbox serves that people write manifests for. */
const ROOTS = [
  ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Namespace'], ['v1', 'Node'],
  ['v1', 'ServiceAccount'], ['v1', 'PersistentVolumeClaim'], ['v1', 'PersistentVolume'],
  ['v1', 'LimitRange'], ['v1', 'ResourceQuota'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'],
];

/** Go int64 fields (the declarations only say `number`); every other integer is an int32. */
const INT64 = new Set([
  'activeDeadlineSeconds', 'terminationGracePeriodSeconds', 'runAsUser', 'runAsGroup', 'fsGroup',
  'supplementalGroups', 'deletionGracePeriodSeconds', 'generation', 'observedGeneration', 'expirationSeconds',
  'startingDeadlineSeconds', 'gracePeriodSeconds',
]);

/** The apiserver's Quantity pattern (k8s.io/apimachinery/pkg/api/resource). */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** Values a few string fields accept, as the Go API's constants define them. Keyed `Type.field`. */
const ENUMS = {
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'NetworkPolicyPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'DeploymentStrategy.type': ['RollingUpdate', 'Recreate'],
  'DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'Toleration.operator': ['Exists', 'Equal'],
  'Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'Taint.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'HTTPIngressPath.pathType': ['Exact', 'Prefix', 'ImplementationSpecific'],
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Retain', 'Delete', 'Recycle'],
  'StorageClass.reclaimPolicy': ['Retain', 'Delete'],
  'StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
  'MetricSpec.type': ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'],
  'MetricTarget.type': ['Utilization', 'Value', 'AverageValue'],
};
/** Enums of list items, keyed the same way. */
const ITEM_ENUMS = {
  'PersistentVolumeClaimSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'PersistentVolumeSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'NetworkPolicySpec.policyTypes': ['Ingress', 'Egress'],
};

const str = (description) => ({ type: 'string', ...(description ? { description } : {}) });
/** Fields added in Kubernetes 1.31–1.34 (kubernetes-types stops at 1.30), as schema fragments. */
const POST_PROCESS = {
  PodSpec: {
    hostnameOverride: str('HostnameOverride sets the hostname the pod sees (1.34, alpha).'),
    resources: { $ref: '#/definitions/ResourceRequirements', description: 'Resources is the total amount of CPU and Memory resources required by all containers in the pod (pod-level resources, 1.32+).' },
  },
  Volume: {
    image: {
      type: 'object', additionalProperties: false,
      description: 'image represents an OCI object (a container image or artifact) pulled and mounted on the host machine (1.31+).',
      properties: { reference: str('Image or artifact reference to be used.'), pullPolicy: { enum: ['Always', 'Never', 'IfNotPresent'] } },
    },
  },
  Lifecycle: { stopSignal: str('StopSignal defines which signal will be sent to a container when it is being stopped (1.33+).') },
  ServiceSpec: { trafficDistribution: str('TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints (1.31+).') },
  JobSpec: {
    managedBy: str('ManagedBy field indicates the controller that manages a Job (1.32+).'),
    successPolicy: { type: 'object', description: 'successPolicy specifies the policy when the Job can be declared as succeeded (1.33+).' },
  },
};

const files = [...new Set(ROOTS.map(([v]) => declFile(v)))];
const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

function declFile(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return join(typesDir, group.split('.')[0], `${version}.d.ts`);
}

const names = new Map(); // ts.Symbol -> definition name
const taken = new Map(); // definition name -> ts.Symbol
const definitions = {};

function nameFor(symbol) {
  if (names.has(symbol)) return names.get(symbol);
  const module = symbol.declarations[0].getSourceFile().fileName.slice(typesDir.length + 1).replace(/\.d\.ts$/, '');
  let name = symbol.name;
  if (taken.has(name) && taken.get(name) !== symbol) name = `${symbol.name}.${module.replace('/', '.')}`;
  names.set(symbol, name);
  taken.set(name, symbol);
  return name;
}

function doc(symbol) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  return text ? text.replace(/\s*\n\s*/g, ' ') : undefined;
}

const ref = (name) => ({ $ref: `#/definitions/${name}` });

/** The schema of one type, referring to named object types by $ref. */
function schemaOf(type, field, declText) {
  if (type.aliasSymbol?.name === 'Quantity' || /^Quantity\b/.test(declText ?? '')) return ref('Quantity');
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.isStringLiteral())) return { type: 'string', enum: parts.map((t) => t.value) };
    if (parts.length === 1) return schemaOf(parts[0], field, declText);
    const flags = parts.map((t) => t.flags);
    if (flags.some((f) => f & ts.TypeFlags.NumberLike) && flags.some((f) => f & ts.TypeFlags.StringLike)) return ref('IntOrString');
    if (flags.every((f) => f & ts.TypeFlags.BooleanLike)) return { type: 'boolean' };
    if (flags.every((f) => f & ts.TypeFlags.StringLike)) return { type: 'string' };
    return {};
  }
  if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
  if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
  if (type.flags & ts.TypeFlags.NumberLike) return { type: 'integer', format: INT64.has(field) ? 'int64' : 'int32' };
  if (type.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
  if (checker.isArrayType(type)) {
    const inner = declText?.match(/^Array<(.*)>$/s)?.[1];
    return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], field, inner) };
  }
  const index = type.getStringIndexType?.();
  if (index && type.getProperties().length === 0) {
    const inner = declText?.match(/:\s*([A-Za-z]+);\s*\}$/s)?.[1];
    return { type: 'object', additionalProperties: schemaOf(index, field, inner) };
  }
  const symbol = type.getSymbol();
  if (!symbol || type.getProperties().length === 0) return { type: 'object' };
  const name = nameFor(symbol);
  if (!definitions[name]) walk(name, symbol, type);
  return ref(name);
}

function walk(name, symbol, type) {
  const def = (definitions[name] = { type: 'object', description: doc(symbol), additionalProperties: false, properties: {} });
  const required = [];
  const isKind = !!(type.getProperty('apiVersion') && type.getProperty('kind'));
  for (const prop of type.getProperties()) {
    const decl = prop.valueDeclaration ?? prop.declarations[0];
    const description = doc(prop);
    let schema;
    if (isKind && prop.name === 'status') {
      schema = { type: 'object' };
    } else {
      schema = schemaOf(checker.getTypeOfSymbolAtLocation(prop, decl), prop.name, decl.type?.getText());
    }
    const values = ENUMS[`${name}.${prop.name}`];
    if (values) schema = { type: 'string', enum: values };
    const itemValues = ITEM_ENUMS[`${name}.${prop.name}`];
    if (itemValues) schema = { type: 'array', items: { type: 'string', enum: itemValues } };
    def.properties[prop.name] = description ? { ...schema, description } : schema;
    if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
  }
  if (required.length) def.required = required;
}

const kinds = [];
for (const [apiVersion, kind] of ROOTS) {
  const source = program.getSourceFile(declFile(apiVersion));
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === kind);
  if (!symbol) throw new Error(`${kind} not found in ${declFile(apiVersion)}`);
  const name = schemaOf(checker.getDeclaredTypeOfSymbol(symbol), kind).$ref.split('/').pop();
  definitions[name].required = ['apiVersion', 'kind', ...(definitions[name].required ?? [])];
  kinds.push({ apiVersion, kind, name });
}

for (const [type, add] of Object.entries(POST_PROCESS)) {
  if (!definitions[type]) throw new Error(`post-process: no type ${type}`);
  Object.assign(definitions[type].properties, add);
}
for (const key of [...Object.keys(ENUMS), ...Object.keys(ITEM_ENUMS)]) {
  const [type, field] = key.split('.');
  if (!definitions[type]?.properties[field]) throw new Error(`enum for a missing field: ${key}`);
}

definitions.Quantity = {
  description: 'Quantity is a fixed-point number: a string such as `500m`, `128Mi`, `1.5Gi`, or a plain number.',
  anyOf: [
    { type: 'string', pattern: QUANTITY_PATTERN, patternErrorMessage: `quantities must match the regular expression '${QUANTITY_PATTERN}'` },
    { type: 'number' },
  ],
};
definitions.IntOrString = { description: 'An integer or a string (for ports, a port number or a named port).', anyOf: [{ type: 'integer' }, { type: 'string' }] };

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: 'Generated by scripts/gen-k8s-schema.mjs from kubernetes-types; do not edit.',
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', enum: [...new Set(kinds.map((k) => k.apiVersion))], description: definitions.Pod.properties.apiVersion.description },
    kind: { type: 'string', enum: kinds.map((k) => k.kind), description: definitions.Pod.properties.kind.description },
  },
  allOf: kinds.map(({ kind, name }) => ({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: ref(name) })),
};

// One definition a line: compact, and a regenerated file still diffs readably.
const sorted = Object.keys(definitions).sort();
const head = JSON.stringify(schema).slice(0, -1);
const body = sorted.map((k) => `${JSON.stringify(k)}:${JSON.stringify(definitions[k])}`).join(',\n');
const text = `${head},"definitions":{\n${body}}}\n`;
JSON.parse(text);
writeFileSync(out, text);
console.log(`wrote ${out}: ${kinds.length} kinds, ${sorted.length} definitions, ${text.length} bytes, ${gzipSync(text).length} gzip`);
