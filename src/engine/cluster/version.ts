/**
 * The build the sandbox reports for its server and its kubectl: Kubernetes 1.34.5, with the
 * commit, date and Go version of the real 1.34.5 release, as `kubectl version -o json` shows them.
 */
import { KUBERNETES_VERSION } from './nodeTemplate';

export function versionInfo() {
  const [major, minor] = KUBERNETES_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: KUBERNETES_VERSION,
    gitCommit: 'ebfac057369b21558006b8815821ab2fb1e29f2d',
    gitTreeState: 'clean',
    buildDate: '2026-02-26T20:06:18Z',
    goVersion: 'go1.24.13',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
