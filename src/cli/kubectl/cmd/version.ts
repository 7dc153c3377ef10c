import { KUBERNETES_VERSION } from '../../../engine/cluster/nodeTemplate';
import { versionInfo } from '../../../engine/cluster/version';
import type { KubectlCommand } from '../command';

const KUSTOMIZE_VERSION = 'v5.7.1';

export const version: KubectlCommand = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  *run(flags, env) {
    const o = flags.string('output');
    const client = flags.bool('client');
    if (o && o !== 'json' && o !== 'yaml') throw new Error(`--output must be 'yaml' or 'json'`);
    const info = versionInfo();
    if (o === 'json') {
      const doc: Record<string, unknown> = { clientVersion: info, kustomizeVersion: KUSTOMIZE_VERSION };
      if (!client) doc.serverVersion = info;
      env.out(JSON.stringify(doc, null, 2) + '\n');
      return 0;
    }
    if (o === 'yaml') {
      const block = (name: string) =>
        `${name}:\n` + Object.entries(info).map(([k, v]) => `  ${k}: ${/^\d|:/.test(v) ? JSON.stringify(v) : v}`).join('\n') + '\n';
      env.out(block('clientVersion') + `kustomizeVersion: ${KUSTOMIZE_VERSION}\n` + (client ? '' : block('serverVersion')));
      return 0;
    }
    env.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (!client) env.out(`Server Version: ${KUBERNETES_VERSION}\n`);
    return 0;
  },
};
