import { describe, expect, it } from 'vitest';
import { podInfoOf } from '../framework';
import { makeNode, makePod, nodeInfo } from '../fixtures';
import { calculatePriority, imageLocality, normalizedImageName } from './imageLocality';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it('normalises untagged names to :latest', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
  });
  it('scores image size scaled by spread between the 23 MB and 1000 MB thresholds', () => {
    expect(calculatePriority(0, 1)).toBe(0);
    expect(calculatePriority(2000 * MB, 1)).toBe(100);
    const withImage = nodeInfo(makeNode('a', { images: [{ names: ['nginx:latest'], sizeBytes: 500 * MB }] }));
    const without = nodeInfo(makeNode('b'));
    const plugin = imageLocality(() => new Map([['nginx:latest', 1]]), () => 2);
    const p = podInfoOf(makePod('p'));
    plugin.preScore!(p, [withImage, without], [withImage, without]);
    // 500 MB * (1 of 2 nodes) = 250 MB -> 100 * (250-23)/(1000-23) = 23.
    expect(plugin.score(p, withImage)).toBe(23);
    expect(plugin.score(p, without)).toBe(0);
  });
});
