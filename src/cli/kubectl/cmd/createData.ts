/**
 * `kubectl create configmap|secret generic|serviceaccount NAME` (create_configmap.go,
 * create_secret.go, create_serviceaccount.go): data from `--from-literal=key=value`,
 * `--from-file=[key=]path` (a directory adds each file) and `--from-env-file`, keys checked as
 * the apiserver checks them; secrets base64-encoded.
 */
import { base64Encode } from '../../../engine/api/validation/base64';
import type { KubeObject } from '../../../engine/objects';
import { UsageError, type CommandEnv, type KubectlCommand } from '../command';
import type { Flags } from '../flags';
import { createGenerated } from './create';

const DRY_RUN = { name: 'dry-run', type: 'string' as const, default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client".' };
const OUTPUT = { name: 'output', short: 'o', type: 'string' as const, usage: 'Output format.' };
const SOURCES = [
  { name: 'from-literal', type: 'stringArray' as const, usage: 'Specify a key and literal value to insert (i.e. mykey=somevalue)' },
  { name: 'from-file', type: 'stringArray' as const, usage: 'Key file can be specified using its file path, in which case file basename will be used as key.' },
  { name: 'from-env-file', type: 'stringArray' as const, usage: 'Specify the path to a file to read lines of key=val pairs.' },
  { name: 'append-hash', type: 'bool' as const, usage: 'Append a hash of the data to its name.' },
];

const KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** validation.IsConfigMapKey */
function keyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) errs.push(KEY_MESSAGE);
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function oneName(flags: Flags): string {
  if (flags.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${flags.args.length}`);
  return flags.args[0];
}

/** The data of `--from-*` in kubectl's order: files, literals, then env files. */
function collect(env: CommandEnv, flags: Flags, add: (key: string, value: string) => void): void {
  if (flags.strings('from-env-file').length && (flags.strings('from-file').length || flags.strings('from-literal').length)) {
    throw new Error('from-env-file cannot be combined with from-file or from-literal');
  }
  for (const source of flags.strings('from-file')) {
    const seps = source.split('=').length - 1;
    if (seps === 1 && source.startsWith('=')) throw new Error(`key name for file path ${source.slice(1)} missing`);
    if (seps === 1 && source.endsWith('=')) throw new Error(`file path for key name ${source.slice(0, -1)} missing`);
    if (seps > 1) throw new Error("key names or file paths cannot contain '='");
    const [key, path] = seps === 0 ? [source.split('/').filter(Boolean).pop() ?? source, source] : source.split('=');
    const entries = env.host.listDir?.(path);
    if (entries) {
      if (seps > 0) throw new Error('cannot give a key name for a directory path');
      for (const entry of entries) {
        const text = env.host.fs.read(`${path.replace(/\/$/, '')}/${entry}`);
        if (text !== undefined) add(entry, text);
      }
      continue;
    }
    const text = env.host.fs.read(path);
    if (text === undefined) throw new Error(`error reading ${path}: no such file or directory`);
    add(key, text);
  }
  for (const source of flags.strings('from-literal')) {
    const eq = source.indexOf('=');
    if (eq <= 0) throw new Error(`invalid literal source ${source}, expected key=value`);
    add(source.slice(0, eq), source.slice(eq + 1));
  }
  for (const path of flags.strings('from-env-file')) {
    if (env.host.listDir?.(path)) throw new Error('env config file cannot be a directory');
    const text = env.host.fs.read(path);
    if (text === undefined) throw new Error(`error reading ${path}: no such file or directory`);
    for (const raw of text.split('\n')) {
      const line = raw.replace(/^[\s\uFEFF]+/, '').replace(/\r$/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      add(line.slice(0, eq), line.slice(eq + 1));
    }
  }
}

const createConfigMap: KubectlCommand = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: [...SOURCES, DRY_RUN, OUTPUT],
  *run(flags, env) {
    const name = oneName(flags);
    const data: Record<string, string> = {};
    collect(env, flags, (key, value) => {
      const errs = keyErrors(key);
      if (errs.length) throw new Error(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
      if (key in data) throw new Error(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
      data[key] = value;
    });
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(env.namespaceExplicit ? { namespace: env.namespace } : {}) }, ...(Object.keys(data).length ? { data } : {}) } as KubeObject;
    return createGenerated(env, flags, 'configmaps', obj, 'configmap', 'configmap');
  },
};

const createSecretGeneric: KubectlCommand = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [...SOURCES, { name: 'type', type: 'string', usage: 'The type of secret to create' }, DRY_RUN, OUTPUT],
  *run(flags, env) {
    const name = oneName(flags);
    const data: Record<string, string> = {};
    collect(env, flags, (key, value) => {
      const errs = keyErrors(key);
      if (errs.length) throw new Error(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
      if (key in data) throw new Error(`cannot add key ${key}, another key by that name already exists`);
      data[key] = base64Encode(value);
    });
    const type = flags.string('type');
    const obj = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, ...(env.namespaceExplicit ? { namespace: env.namespace } : {}) },
      ...(Object.keys(data).length ? { data } : {}),
      ...(type ? { type } : {}),
    } as KubeObject;
    return createGeneratedWith(env, flags, 'secrets', obj, 'secret', (m) => `failed to create secret ${m}`);
  },
};

/** createGenerated, with the verb's own wrapping of a server error. */
function createGeneratedWith(env: CommandEnv, flags: Flags, resource: string, obj: KubeObject, kindName: string, wrap: (message: string) => string): number {
  try {
    return createGenerated(env, flags, resource, obj, kindName);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    env.err(`error: ${wrap(e.message)}\n`);
    return 1;
  }
}

const createSecret: KubectlCommand = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  flags: [],
  subcommands: [createSecretGeneric],
};

const createServiceAccount: KubectlCommand = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  flags: [DRY_RUN, OUTPUT],
  *run(flags, env) {
    const name = oneName(flags);
    const obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, ...(env.namespaceExplicit ? { namespace: env.namespace } : {}) } } as KubeObject;
    return createGenerated(env, flags, 'serviceaccounts', obj, 'serviceaccount', 'serviceaccount');
  },
};

export const DATA_GENERATORS = [createConfigMap, createSecret, createServiceAccount];
