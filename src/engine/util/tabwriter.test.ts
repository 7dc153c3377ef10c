import { describe, expect, it } from 'vitest';
import { KUBECTL_DESCRIBE_TABWRITER, KUBECTL_GET_TABWRITER, TabWriter, alignText } from './tabwriter';

describe('tabwriter, kubectl get preset', () => {
  it('pads columns to widest cell + 3, minimum 6, last cell unpadded', () => {
    const text = 'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-1\t1/1\tRunning\t0\t5m\n';
    expect(alignText(text, KUBECTL_GET_TABWRITER)).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' + 'web-1   1/1     Running   0          5m\n',
    );
  });

  it('applies minwidth to short columns', () => {
    expect(alignText('A\tB\nx\ty\n', KUBECTL_GET_TABWRITER)).toBe('A     B\nx     y\n');
  });

  it('remembers widths across flushes until reset', () => {
    const w = new TabWriter(KUBECTL_GET_TABWRITER);
    w.write('NAME\tAGE\nlong-pod-name\t1m\n');
    w.flush();
    w.write('a\t2m\n');
    w.flush();
    w.resetRememberedWidths();
    w.write('b\t3m\n');
    w.flush();
    expect(w.output()).toBe('NAME            AGE\nlong-pod-name   1m\na               2m\nb     3m\n');
  });
});

describe('tabwriter, describe preset', () => {
  it('aligns only contiguous lines (column blocks)', () => {
    const text = 'Name:\tweb\nNamespace:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n    Port:\t80/TCP\n';
    expect(alignText(text, KUBECTL_DESCRIBE_TABWRITER)).toBe(
      'Name:       web\nNamespace:  default\nContainers:\n  web:\n    Image:  nginx\n    Port:   80/TCP\n',
    );
  });

  it('keeps nested columns within the enclosing block', () => {
    const text = 'a:\tb\tc\nlonger:\tx\n  k:\tv\tw\n';
    expect(alignText(text, KUBECTL_DESCRIBE_TABWRITER)).toBe('a:       b  c\nlonger:  x\n  k:     v  w\n');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(alignText('é\tx\nab\ty\n', KUBECTL_DESCRIBE_TABWRITER)).toBe('é   x\nab  y\n');
  });

  it('leaves an unterminated last line without newline', () => {
    expect(alignText('a\tb', KUBECTL_DESCRIBE_TABWRITER)).toBe('a  b');
  });

  it('pads with tabs when padchar is a tab', () => {
    expect(alignText('ab\tc\nabcdefghi\td\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: '\t' })).toBe(
      'ab\t\tc\nabcdefghi\td\n',
    );
  });
});

describe('tabwriter writeLine', () => {
  // A small seeded generator: cells from an alphabet with separators, wide runes and surrogates.
  function lcg(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
  }
  const alphabet = ['a', 'bb', 'ccc', '', ' ', 'ü', '日本', '😀', '\uD800', '\t', '\v', '\n', '\f', 'longer-cell-text'];

  it('writes exactly what write(cells.join("\\t") + "\\n") writes, across flushes and partial writes', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = lcg(seed);
      for (const opts of [KUBECTL_GET_TABWRITER, KUBECTL_DESCRIBE_TABWRITER, { ...KUBECTL_GET_TABWRITER, padchar: '\t' }]) {
        const a = new TabWriter(opts);
        const b = new TabWriter(opts);
        const lines = 1 + next(12);
        for (let l = 0; l < lines; l++) {
          const cells = Array.from({ length: next(5) }, () => Array.from({ length: next(3) }, () => alphabet[next(alphabet.length)]).join(''));
          if (next(6) === 0) {
            const partial = alphabet[next(alphabet.length)];
            a.write(partial);
            b.write(partial);
          }
          a.write(`${cells.join('\t')}\n`);
          b.writeLine(cells);
          if (next(8) === 0) {
            a.flush();
            b.flush();
          }
        }
        a.flush();
        b.flush();
        expect(b.output()).toBe(a.output());
      }
    }
  });
});
