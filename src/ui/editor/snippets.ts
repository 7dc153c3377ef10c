/**
 * Manifest snippets for the common kinds: offered by the editor's completion (type `deploy`…),
 * and as the starting text of a new buffer. Bodies use Monaco's snippet syntax (`${1:web}` is a
 * tab stop with a default); `snippetText` gives the plain text with the defaults filled in.
 * Pure data: the page shell may import this without pulling in Monaco.
 */

export interface ManifestSnippet {
  /** The `kind` the snippet creates; also what `onNewBuffer(kind)` receives. */
  kind: string;
  /** What completion shows and filters on. */
  label: string;
  description: string;
  body: string;
}

export const SNIPPETS: readonly ManifestSnippet[] = [
  {
    kind: 'Deployment',
    label: 'deployment',
    description: 'A Deployment running replicas of one container',
    body: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${1:web}
  labels:
    app: \${1:web}
spec:
  replicas: \${2:3}
  selector:
    matchLabels:
      app: \${1:web}
  template:
    metadata:
      labels:
        app: \${1:web}
    spec:
      containers:
        - name: \${1:web}
          image: \${3:nginx:1.27}
          ports:
            - containerPort: \${4:80}
          resources:
            requests:
              cpu: \${5:100m}
              memory: \${6:128Mi}
`,
  },
  {
    kind: 'Service',
    label: 'service',
    description: 'A Service selecting pods by label',
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:web}
spec:
  type: \${2|ClusterIP,NodePort,LoadBalancer|}
  selector:
    app: \${1:web}
  ports:
    - port: \${3:80}
      targetPort: \${4:80}
      protocol: TCP
`,
  },
  {
    kind: 'Pod',
    label: 'pod',
    description: 'A single Pod',
    body: `apiVersion: v1
kind: Pod
metadata:
  name: \${1:hello}
  labels:
    app: \${1:hello}
spec:
  restartPolicy: \${2|Always,OnFailure,Never|}
  containers:
    - name: \${1:hello}
      image: \${3:busybox:1.36}
      command: ["sh", "-c", "\${4:echo hello; sleep 3600}"]
`,
  },
  {
    kind: 'ConfigMap',
    label: 'configmap',
    description: 'A ConfigMap of key-value settings',
    body: `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${1:settings}
data:
  \${2:LOG_LEVEL}: "\${3:info}"
`,
  },
  {
    kind: 'Secret',
    label: 'secret',
    description: 'An Opaque Secret written as plain text (stringData)',
    body: `apiVersion: v1
kind: Secret
metadata:
  name: \${1:credentials}
type: Opaque
stringData:
  \${2:password}: "\${3:change-me}"
`,
  },
  {
    kind: 'Job',
    label: 'job',
    description: 'A Job that runs a pod to completion',
    body: `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:pi}
spec:
  backoffLimit: \${2:4}
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: \${1:pi}
          image: \${3:perl:5.34}
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(200)"]
`,
  },
  {
    kind: 'CronJob',
    label: 'cronjob',
    description: 'A CronJob that starts a Job on a schedule',
    body: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${1:hello}
spec:
  schedule: "\${2:*/5 * * * *}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: \${1:hello}
              image: \${3:busybox:1.36}
              command: ["sh", "-c", "date; echo hello"]
`,
  },
  {
    kind: 'Namespace',
    label: 'namespace',
    description: 'A Namespace',
    body: `apiVersion: v1
kind: Namespace
metadata:
  name: \${1:team-a}
`,
  },
  {
    kind: 'PersistentVolumeClaim',
    label: 'pvc',
    description: 'A PersistentVolumeClaim for an Azure disk',
    body: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: \${1:data}
spec:
  accessModes:
    - \${2|ReadWriteOnce,ReadWriteMany,ReadOnlyMany|}
  storageClassName: \${3:managed-csi}
  resources:
    requests:
      storage: \${4:5Gi}
`,
  },
  {
    kind: 'HorizontalPodAutoscaler',
    label: 'hpa',
    description: 'A HorizontalPodAutoscaler on CPU utilisation',
    body: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: \${1:web}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: \${1:web}
  minReplicas: \${2:2}
  maxReplicas: \${3:10}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: \${4:70}
`,
  },
];

/** The snippet for a kind, matched case-insensitively on kind or label (`deployment`, `pvc`). */
export function snippetFor(kind: string): ManifestSnippet | undefined {
  const k = kind.toLowerCase();
  return SNIPPETS.find((s) => s.kind.toLowerCase() === k || s.label === k);
}

/** A snippet body as plain text: tab stops take their default (or first choice), bare stops vanish. */
export function snippetText(body: string): string {
  return body
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '');
}

/** The starting text of a new buffer: the kind's manifest, or an empty document to fill in. */
export function newBufferText(kind?: string): string {
  const snippet = kind ? snippetFor(kind) : undefined;
  return snippet ? snippetText(snippet.body) : 'apiVersion: \nkind: \nmetadata:\n  name: \n';
}
