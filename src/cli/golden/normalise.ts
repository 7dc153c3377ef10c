/**
 * What varies between equivalent runs and is replaced in golden transcripts: generated name
 * suffixes, pod-template hashes, the AKS cluster number, pod IPs and uids. Runs of spaces after
 * text are collapsed, because a placeholder can stand for names of different lengths; column
 * alignment itself is tested by the printer and tabwriter tests. Indentation is kept.
 */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

const RULES: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>'],
  [/aks-(\w+)-\d{8}-vmss/g, 'aks-$1-<n>-vmss'],
  [new RegExp(`-[${SAFE}]{8,10}(?=-[${SAFE}]{5}\\b)`, 'g'), '-<hash>'],
  [new RegExp(`-[${SAFE}]{5}\\b`, 'g'), '-<id>'],
  [new RegExp(`(?<=[a-z0-9]-)[${SAFE}]{8,10}\\b`, 'g'), '<hash>'],
  [/\b10\.(?:24[4-9]|25\d)\.\d{1,3}\.\d{1,3}\b/g, '<pod-ip>'],
  [/containerd:\/\/[0-9a-f]{64}/g, 'containerd://<id>'],
  [/sha256:[0-9a-f]{64}/g, 'sha256:<digest>'],
  [/failed to start exec "[0-9a-f]{64}"/g, 'failed to start exec "<id>"'],
  [/kubectl-edit-\d+\.(yaml|json)/g, 'kubectl-edit-<n>.$1'],
  // Only runs after text: leading indentation (YAML, JSON, describe blocks) is kept.
  [/(?<=\S) {2,}/g, '  '],
];

export function normaliseTranscript(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
