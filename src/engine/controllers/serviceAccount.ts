/**
 * The `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap in every namespace, as two
 * kube-controller-manager loops do it: the serviceaccount controller
 * (`pkg/controller/serviceaccount/serviceaccounts_controller.go`) creates the ServiceAccounts a
 * namespace must have in every Active namespace and re-creates them when deleted; the
 * root-ca-cert-publisher (`pkg/controller/certificates/rootcacertpublisher`) keeps the cluster CA
 * bundle in `kube-root-ca.crt` (key `ca.crt`), re-creating or restoring it when deleted or changed.
 * Both are folded into one controller here; neither records events, as upstream.
 *
 * The CA is a real self-signed certificate (CN=kubernetes, RSA 2048, ten years) whose private key
 * was thrown away: the sandbox serves no TLS, but what a learner decodes is a genuine certificate.
 */
import type { KubeObject } from '../objects';
import type { SimContext } from '../sim/component';
import { deepEqual } from '../util/clone';
import type { Change, Controller } from './manager';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

export const CLUSTER_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDGzCCAgOgAwIBAgIUcjCCqTf2yJ5/g1eYUDWAS1pmaDQwDQYJKoZIhvcNAQEL',
  'BQAwFTETMBEGA1UEAwwKa3ViZXJuZXRlczAeFw0yNjExMjMxMDMyNTNaFw0zNjEx',
  'MjAxMDMyNTNaMBUxEzARBgNVBAMMCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEB',
  'AQUAA4IBDwAwggEKAoIBAQC95rITwNpE73X2Cr1k96d+1zMVTSXq8TLYQFFv71/2',
  '+OT7sm3Pt29btwSk2PoHxnkfcyitUSnO5gxiISvimPXu/93fGRihTCkqDk+FZ/wY',
  'e02Uq5in+6ZoVTA3jnOswG995hbQOS2g5b5OapfLVs51mNrxuLbyhkqLJXtbeVig',
  'HxGm4MpyjE72i/xp8LPCHLPTWmTROk6zaFgedjMHx/VvVoj+wqQlZYRFd7BSqXPg',
  'CxnKP2QJXd8KsK0LcPMUSbr6enRw1zia5QokDeaROCwnLrYvwE8ZRjTnX1ySU2ED',
  'vgjk5yHN4jMesoG5HZNVJNjatAuGYZwhpije4/ueoVhlAgMBAAGjYzBhMB0GA1Ud',
  'DgQWBBShMCftfucSOq9sGrWIt8puoKOCtDAfBgNVHSMEGDAWgBShMCftfucSOq9s',
  'GrWIt8puoKOCtDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICpDANBgkq',
  'hkiG9w0BAQsFAAOCAQEAG8/GzkjUwL2fMx1hM16apbr9jYQXkq4b/TWNYEvj9HLU',
  'CHnMDppLANuzvvq9UKlR3OHJL0ZGiS27XWbbOXPovFjmQl4ja9s4kGxkYngp4h85',
  '29+BbdJAUYj8Iim094JZV64UaFyHSh4mQlTrqiOOHdrXJ7CuVqbYGk12srVkxYPf',
  '5Sb0GFQEKUdkb/DVeXg7mMfYOqDui27GZwMe4rdk7Hi6NJ2frkEWb4zZ/F2fXzcE',
  'lWiLmcYaIlLXE/X5oq9HHZRMedahX+w1R7ginbA5vRMoFOy9yTxnSL2elUUlilNh',
  'EZuvLZ7E4zwUqE+XDTzruiQfPY4GspshkiQjMg1pwA==',
  '-----END CERTIFICATE-----',
].join('\n') + '\n';

export interface ServiceAccountControllerOptions {
  /** The CA bundle published in `kube-root-ca.crt` (default: the sandbox's cluster CA). */
  caBundle?: string;
}

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  private readonly caBundle: string;

  readonly watches = {
    namespaces: (ns: KubeObject) => [ns.metadata.name],
    serviceaccounts: (sa: KubeObject) => (sa.metadata.name === DEFAULT_SERVICE_ACCOUNT ? [sa.metadata.namespace!] : []),
    configmaps: (cm: KubeObject) => (cm.metadata.name === ROOT_CA_CONFIGMAP ? [cm.metadata.namespace!] : []),
  };

  constructor(opts: ServiceAccountControllerOptions = {}) {
    this.caBundle = opts.caBundle ?? CLUSTER_CA_PEM;
  }

  reconcile(namespace: string, ctx: SimContext): Change[] {
    const ns = ctx.store.get('namespaces', undefined, namespace);
    // Nothing is created in a namespace that is going away (the API would refuse it anyway).
    if (!ns || ns.metadata.deletionTimestamp || (ns.status?.phase ?? 'Active') !== 'Active') return [];
    const changes: Change[] = [];
    if (!ctx.store.get('serviceaccounts', namespace, DEFAULT_SERVICE_ACCOUNT)) {
      changes.push({
        op: 'create',
        resource: 'serviceaccounts',
        object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } },
      });
    }
    const cm = ctx.store.get('configmaps', namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.caBundle };
    if (!cm) {
      changes.push({
        op: 'create',
        resource: 'configmaps',
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
          data,
        },
      });
    } else if (!deepEqual(cm.data, data) || cm.metadata.annotations?.['kubernetes.io/description'] !== ROOT_CA_DESCRIPTION) {
      const annotations = { ...(cm.metadata.annotations ?? {}), 'kubernetes.io/description': ROOT_CA_DESCRIPTION };
      changes.push({ op: 'update', resource: 'configmaps', object: { ...cm, metadata: { ...cm.metadata, annotations }, data } });
    }
    return changes;
  }
}
