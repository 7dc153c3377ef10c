import { describe, expect, it } from 'vitest';
import { BASE_STEP, FAR_STEP, isFar, labelFonts, nodeTinyName, zoomStep } from './zoom';

describe('zoom policy', () => {
  it('rounds the zoom down to steps of √2 below the base step', () => {
    expect(zoomStep(2)).toBe(BASE_STEP);
    expect(zoomStep(BASE_STEP)).toBe(BASE_STEP);
    expect(zoomStep(0.7)).toBeCloseTo(BASE_STEP / Math.SQRT2);
    expect(zoomStep(0.4)).toBeCloseTo(0.4);
    expect(zoomStep(0.21)).toBeCloseTo(0.2);
    expect(zoomStep(0.001)).toBeCloseTo(BASE_STEP / 64);
    // The step only changes when the zoom crosses one: zooming restyles a handful of times.
    expect(new Set([0.39, 0.35, 0.3, 0.29].map(zoomStep)).size).toBe(1);
  });

  it('is far where a fitted 100-node cluster lands, not where 3 nodes do', () => {
    expect(isFar(zoomStep(0.2))).toBe(true);
    expect(isFar(FAR_STEP)).toBe(true);
    expect(isFar(zoomStep(0.45))).toBe(false);
  });

  it('keeps labels legible on screen, within the room the layout leaves', () => {
    for (const step of [BASE_STEP, 0.566, 0.4, 0.283, 0.2, 0.141]) {
      const f = labelFonts(step);
      expect(f.pool * step).toBeGreaterThanOrEqual(Math.min(13, 64 * step) - 0.5);
      expect(f.node * step).toBeGreaterThanOrEqual(Math.min(8.8, 46 * step) - 0.5);
      expect(f.node).toBeLessThanOrEqual(46);
      expect(f.pool).toBeLessThanOrEqual(64);
    }
    expect(labelFonts(BASE_STEP)).toMatchObject({ pool: 18, node: 13, nodeTiny: false, itemNameOnly: false });
    expect(labelFonts(0.566).nodeTiny).toBe(false);
    expect(labelFonts(0.2).nodeTiny).toBe(true);
    expect(labelFonts(0.2).node * 0.2).toBeGreaterThanOrEqual(9);
  });

  it('shortens node names to what ends their full name', () => {
    expect(nodeTinyName('vmss00000a')).toBe('00000a');
    expect(nodeTinyName('node-1')).toBe('node-1');
    expect(nodeTinyName('worker-large-17')).toBe('…rge-17');
  });
});
