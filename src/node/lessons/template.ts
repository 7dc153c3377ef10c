/** The lesson `pilothouse lessons new` starts from: short, complete, and passing `lessons check`. */
export function lessonTemplate(slug: string): string {
  const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `---
title: ${title}
summary: One sentence on what the learner will be able to do.
level: beginner
duration: 10m
tags: []
prerequisites: []
cluster:
  profile: aks
  seed: 1
  nodes: 3
  setup: []
speed: 1
---

Say what this lesson is about and why it matters. Everything before the first "## " heading
is the introduction. lessons/README.md documents the format.

## Create a Deployment

Each "## " heading starts a step. Explain, then let the learner act:

\`\`\`sh
kubectl apply -f hello.yaml
\`\`\`

A code block with \`file=NAME\` opens in the editor and is a file commands can read:

\`\`\`yaml file=hello.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: hello
        image: nginx:1.27
\`\`\`

\`\`\`lesson
checks:
  - object: deployment/hello
    field: '{.status.availableReplicas}'
    number: '>= 2'
    why: '\`hello\` has {{observed}} of 2 replicas available'
hints:
  - Apply the manifest with \`kubectl apply -f hello.yaml\`.
solution:
  - kubectl apply -f hello.yaml
  - wait: quiet
\`\`\`

## What happened

A step without checks is there to read. Sum up what the learner saw.
`;
}
