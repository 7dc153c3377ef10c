/**
 * Reads the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) of a request
 * body into the object's JSON form. kubectl 1.34's typed clients (`create deployment`,
 * `create configmap`, `drain`'s evictions, …) send built-in kinds this way and do not fall back to
 * JSON, so the server must read it. Answers are always JSON, which the same clients accept.
 *
 * The envelope is the magic `k8s\0` then a runtime.Unknown {typeMeta, raw}; `raw` is the object's
 * message, decoded with the field tables in k8sMessages.json (generated from Kubernetes'
 * generated.proto files by generate.mjs). Go's protobuf marshaller writes every non-pointer field,
 * zero or not, and JSON omits most empty ones: empty strings, false, empty lists and maps and
 * empty messages are dropped, and zero numbers except the pointer fields where 0 means something.
 */
import { formatRFC3339 } from '../../../engine/util/time';
import table from './k8sMessages.json';

type Field = [name: string, type: string, label: 'o' | 'r' | 'm'];
const MESSAGES = table as unknown as Record<string, Record<string, Field>>;

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
/** Numeric fields where an explicit 0 is meaningful (pointers in the Go types). */
const ZERO_MATTERS = new Set(['replicas', 'gracePeriodSeconds', 'terminationGracePeriodSeconds', 'revisionHistoryLimit', 'activeDeadlineSeconds']);

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    if (out.length !== len) throw new Error('truncated field');
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

type Raw = { wire: number; value: bigint | Buffer | number };

function readFields(buf: Buffer): Map<number, Raw[]> {
  const r = new Reader(buf);
  const fields = new Map<number, Raw[]>();
  while (!r.done) {
    const tag = Number(r.varint());
    const num = tag >>> 3;
    const wire = tag & 7;
    let value: Raw['value'];
    if (wire === 0) value = r.varint();
    else if (wire === 2) value = r.bytes();
    else if (wire === 1) {
      value = r.buf.readDoubleLE(r.pos);
      r.pos += 8;
    } else if (wire === 5) {
      value = r.buf.readFloatLE(r.pos);
      r.pos += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
    if (!fields.has(num)) fields.set(num, []);
    fields.get(num)!.push({ wire, value });
  }
  return fields;
}

function scalar(type: string, raw: Raw): unknown {
  switch (type) {
    case 'string':
      return (raw.value as Buffer).toString('utf8');
    case 'bytes':
      return (raw.value as Buffer).toString('base64');
    case 'bool':
      return raw.value !== 0n;
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
      return Number(BigInt.asIntN(64, raw.value as bigint));
    case 'double':
    case 'float':
      return raw.value;
  }
  return decodeMessage(type, raw.value as Buffer);
}

function isEmpty(v: unknown, name: string): boolean {
  if (v === '' || v === false || v === undefined || v === null) return true;
  if (v === 0) return !ZERO_MATTERS.has(name);
  if (Array.isArray(v)) return v.length === 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

/** The JSON form of message `type` (fully qualified) encoded in `buf`. */
export function decodeMessage(type: string, buf: Buffer): unknown {
  const special = SPECIAL[type];
  if (special) return special(readFields(buf));
  const def = MESSAGES[type];
  if (!def) throw new Error(`no protobuf definition for ${type}`);
  const out: Record<string, unknown> = {};
  for (const [num, raws] of readFields(buf)) {
    const field = def[num];
    if (!field) continue;
    const [name, ftype, label] = field;
    let v: unknown;
    if (label === 'm') {
      const map: Record<string, unknown> = {};
      for (const raw of raws) {
        const entry = readFields(raw.value as Buffer);
        const key = entry.get(1)?.[0];
        const val = entry.get(2)?.[0];
        map[key ? (key.value as Buffer).toString('utf8') : ''] = val ? scalar(ftype, val) : ftype === 'string' ? '' : ftype === 'bytes' ? '' : {};
      }
      v = map;
    } else if (label === 'r') {
      v = raws.flatMap((raw) => (raw.wire === 2 && isPackable(ftype) ? unpack(ftype, raw.value as Buffer) : [scalar(ftype, raw)]));
    } else v = scalar(ftype, raws[raws.length - 1]);
    if (!isEmpty(v, name)) out[name] = v;
  }
  return out;
}

function isPackable(t: string): boolean {
  return ['int32', 'int64', 'uint32', 'uint64', 'bool'].includes(t);
}

function unpack(t: string, buf: Buffer): unknown[] {
  const r = new Reader(buf);
  const out: unknown[] = [];
  while (!r.done) out.push(scalar(t, { wire: 0, value: r.varint() }));
  return out;
}

const first = (f: Map<number, Raw[]>, n: number) => f.get(n)?.[0]?.value;

function goTime(f: Map<number, Raw[]>): string | null {
  const seconds = first(f, 1);
  return seconds === undefined ? null : formatRFC3339(Number(seconds as bigint) * 1000);
}

const SPECIAL: Record<string, (f: Map<number, Raw[]>) => unknown> = {
  [`${META}.Time`]: goTime,
  [`${META}.MicroTime`]: (f) => {
    const t = goTime(f);
    const nanos = Number((first(f, 2) as bigint | undefined) ?? 0n);
    return t && `${t.slice(0, -1)}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
  },
  [`${META}.Duration`]: (f) => `${Number((first(f, 1) as bigint | undefined) ?? 0n) / 1e9}s`,
  [`${META}.FieldsV1`]: (f) => JSON.parse(((first(f, 1) as Buffer | undefined) ?? Buffer.from('{}')).toString('utf8')),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => ((first(f, 1) as Buffer | undefined) ?? Buffer.alloc(0)).toString('utf8'),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f) =>
    Number((first(f, 1) as bigint | undefined) ?? 0n) === 1
      ? ((first(f, 3) as Buffer | undefined) ?? Buffer.alloc(0)).toString('utf8')
      : Number(BigInt.asIntN(32, (first(f, 2) as bigint | undefined) ?? 0n)),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (f) => {
    const raw = first(f, 1) as Buffer | undefined;
    return raw && raw.length ? JSON.parse(raw.toString('utf8')) : {};
  },
};

/** Which package holds a group's protobuf messages. */
function packageOf(apiVersion: string): string {
  if (apiVersion === 'v1') return 'k8s.io.api.core.v1';
  const [group, version] = apiVersion.split('/');
  if (group === 'meta.k8s.io') return `${META}`;
  return `k8s.io.api.${group.replace(/\.k8s\.io$/, '')}.${version}`;
}

/** A protobuf-encoded body as the JSON object it stands for (with apiVersion and kind). */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new Error('missing the k8s protobuf prefix');
  const unknown = decodeMessage('k8s.io.apimachinery.pkg.runtime.Unknown', body.subarray(4)) as { typeMeta?: { apiVersion?: string; kind?: string } };
  const envelope = readFields(body.subarray(4));
  const raw = (first(envelope, 2) as Buffer | undefined) ?? Buffer.alloc(0);
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  // meta.k8s.io kinds every group version carries (DeleteOptions under `v1`, `apps/v1`, …).
  const own = `${packageOf(apiVersion)}.${kind}`;
  const type = MESSAGES[own] || SPECIAL[own] || !MESSAGES[`${META}.${kind}`] ? own : `${META}.${kind}`;
  const obj = decodeMessage(type, raw) as Record<string, unknown>;
  return { apiVersion, kind, ...obj };
}
