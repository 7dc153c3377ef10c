/**
 * ImageLocality (weight 1): favours nodes that already hold the pod's images (status.images),
 * weighted by image size and by how widely the image is spread over the cluster, between 23 MB
 * and 1000 MB per container.
 */
import { type PodInfo, type ScorePlugin } from '../framework';
import type { NodeInfo } from '../nodeInfo';

/** framework.MAX_NODE_SCORE, local: this runs for every node of every cycle. */
const MAX_SCORE = 100;

export const IMAGE_LOCALITY = 'ImageLocality';

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** `nginx` and `nginx:1.25` as the kubelet reports them: an untagged name means `:latest`. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), max);
  return Math.trunc((MAX_SCORE * (s - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

interface ImageState {
  images: string[];
  totalNodes: number;
  imageNodes: ReadonlyMap<string, number>;
}

/** The cluster-wide image counts the score needs; set by the scheduler before scoring. */
export function imageLocality(imageNodes: () => ReadonlyMap<string, number>, nodeCount: () => number): ScorePlugin {
  return {
    name: IMAGE_LOCALITY,
    weight: 1,
    preScore(p: PodInfo): boolean {
      const spec = p.pod.spec;
      const images: string[] = [];
      for (const c of spec?.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
      for (const c of spec?.containers ?? []) images.push(normalizedImageName(c.image ?? ''));
      const counts = imageNodes();
      p.state[IMAGE_LOCALITY] = { images, totalNodes: nodeCount(), imageNodes: counts } satisfies ImageState;
      // No node holds any of the images: every node scores 0, no effect on the ranking.
      return anyHeld(images, counts);
    },
    score(p: PodInfo, n: NodeInfo): number {
      const s = p.state[IMAGE_LOCALITY] as ImageState;
      let sum = 0;
      if (n.images.size > 0) {
        for (const img of s.images) {
          const size = n.images.get(img);
          if (size !== undefined) sum += Math.trunc(size * ((s.imageNodes.get(img) ?? 0) / s.totalNodes));
        }
      }
      return calculatePriority(sum, s.images.length);
    },
  };
}

/** A loop rather than `some`: no closure per cycle. */
function anyHeld(images: string[], counts: ReadonlyMap<string, number>): boolean {
  for (const i of images) if (counts.has(i)) return true;
  return false;
}
