import { describe, expect, it } from 'vitest';
import { formatLabels } from './format';

describe('formatLabels', () => {
  it('sorts the k=v strings as labels.Set.String does, not the keys', () => {
    expect(formatLabels({ 'a/os-sku': 'U', 'a/os-sku-effective': 'U2', b: '1' })).toBe('a/os-sku-effective=U2,a/os-sku=U,b=1');
  });
  it('prints <none> for no labels', () => {
    expect(formatLabels(undefined)).toBe('<none>');
    expect(formatLabels({})).toBe('<none>');
  });
});
