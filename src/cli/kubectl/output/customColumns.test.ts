import { describe, expect, it } from 'vitest';
import {
  CustomColumnsPrinter,
  PartialOutputError,
  customColumnsFromSpec,
  customColumnsPrinterForFormat,
  relaxedJsonPathExpression,
} from './customColumns';

const list = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      metadata: { name: 'a' },
      data: { cpu: '500m' },
      nums: [3, 1.5],
      users: [{ name: 'myself', user: {} }, { name: 'e2e', user: { username: 'admin' } }],
      nul: null,
      esc: 'a\x1bb\rc',
      multi: 'l1\nl2',
    },
    {
      metadata: { name: 'bbbbbbbbbbbb', labels: { app: 'web', tier: 'fe' } },
      data: { cpu: '1' },
      nums: [2],
      flag: true,
    },
  ],
};

const print = (format: string, obj: unknown = list, noHeaders = false): string =>
  customColumnsPrinterForFormat(format, { noHeaders })!.print(obj);

describe('-o custom-columns (outputs printed by kubectl 1.34)', () => {
  it('prints values as Go does, <none> when missing, lists comma-joined', () => {
    expect(
      print(
        'custom-columns=NAME:.metadata.name,CPU:.data.cpu,L:.metadata.labels,U:.users[*].user,N:.nums,X:.missing,NN:.nums[*],NUL:.nul,F:.flag',
      ),
    ).toBe(
      'NAME           CPU    L                      U                           N         X        NN      NUL      F\n' +
        'a              500m   <none>                 map[],map[username:admin]   [3 1.5]   <none>   3,1.5   <nil>    <none>\n' +
        'bbbbbbbbbbbb   1      map[app:web tier:fe]   <none>                      [2]       <none>   2       <none>   true\n',
    );
  });

  it('escapes terminal control characters', () => {
    expect(print('custom-columns=NAME:.metadata.name,E:.esc')).toBe(
      'NAME           E\na              a^[b\\rc\nbbbbbbbbbbbb   <none>\n',
    );
  });

  it('lets a newline in a value break the tabwriter columns as kubectl does', () => {
    expect(print('custom-columns=NAME:.metadata.name,M:.multi,Z:.metadata.name')).toBe(
      'NAME           M     Z\na              l1\nl2             a\nbbbbbbbbbbbb   <none>   bbbbbbbbbbbb\n',
    );
  });

  it('accepts paths with or without the leading dot and braces', () => {
    expect(print('custom-columns=A:metadata.name,B:{.metadata.name},C:{metadata.name}', list.items[0])).toBe(
      'A     B     C\na     a     a\n',
    );
  });

  it('supports filters and --no-headers', () => {
    expect(print('custom-columns=A:.metadata.name,B:.users[?(@.name=="e2e")].user.username', list, true)).toBe(
      'a              admin\nbbbbbbbbbbbb   <none>\n',
    );
  });

  it('prints <none> for an empty path', () => {
    expect(print('custom-columns=A:', list)).toBe('A\n<none>\n<none>\n');
  });

  it('prints the header once per kind of object across calls', () => {
    const printer = new CustomColumnsPrinter(customColumnsFromSpec('NAME:.metadata.name'));
    expect(printer.print({ metadata: { name: 'x' } })).toBe('NAME\nx\n');
    expect(printer.print({ metadata: { name: 'y' } })).toBe('y\n');
  });
});

describe('-o custom-columns errors', () => {
  it.each([
    ['custom-columns=', 'custom-columns format specified but no custom columns given'],
    ['custom-columns=NAME:.metadata.name,BAD', 'unexpected custom-columns spec: BAD, expected <header>:<json-path-expr>'],
    [
      'custom-columns=A:{.a}{.b}',
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    ],
  ])('%s', (format, message) => {
    expect(() => print(format)).toThrow(message);
  });

  it('has already printed the header when a column fails', () => {
    const printer = customColumnsPrinterForFormat('custom-columns=A:.kind,B:.users[5]')!;
    let error: unknown;
    try {
      printer.print(list);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartialOutputError);
    expect((error as PartialOutputError).message).toBe('array index out of bounds: index 5, length 2');
    expect((error as PartialOutputError).output).toBe('A     B\n');
  });

  it('reports a bad path after the header too', () => {
    expect(() => print('custom-columns=A:.kind,B:.metadata.name[')).toThrow('unterminated array');
  });
});

describe('-o custom-columns-file', () => {
  const files: Record<string, string> = {
    'cc.txt': 'NAME   TS\n.metadata.name  {.data.cpu}\n',
    'one.txt': 'NAME   TS\n',
    'short.txt': 'NAME   TS\nmetadata.name\n',
  };
  const readFile = (p: string) => files[p];
  const printer = (path: string) => customColumnsPrinterForFormat(`custom-columns-file=${path}`, { readFile, noHeaders: true });

  it('reads headers and paths from two lines, and always prints the header', () => {
    expect(printer('cc.txt')!.print(list)).toBe('NAME           TS\na              500m\nbbbbbbbbbbbb   1\n');
  });

  it.each([
    ['/nonexistent', 'error reading template /nonexistent, open /nonexistent: no such file or directory\n'],
    [
      'one.txt',
      'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.',
    ],
    ['short.txt', "number of headers (2) and field specifications (1) don't match"],
  ])('%s', (path, message) => {
    expect(() => printer(path)).toThrow(message);
  });
});

describe('relaxedJsonPathExpression', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(relaxedJsonPathExpression(input)).toBe(expected);
  });
});

describe('CustomColumnsPrinter input', () => {
  it('takes a plain array of objects as a List', () => {
    const printer = new CustomColumnsPrinter(customColumnsFromSpec('NAME:.metadata.name'));
    expect(printer.print(list.items)).toBe('NAME\na\nbbbbbbbbbbbb\n');
  });
});
