import { describe, expect, it } from 'vitest';
import { JsonPath } from './jsonpath';
import { jsonPathPrinterForFormat, newJsonPathPrinter } from './jsonpathPrinter';

/** The input of the Kubernetes docs page "JSONPath Support" (kubernetes.io/docs/reference/kubectl/jsonpath). */
const docsInput = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2' },
      status: {
        capacity: { cpu: '8' },
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

const run = (template: string, data: unknown = docsInput): string => newJsonPathPrinter(template).print(data);

describe('JSONPath: the examples of the Kubernetes docs', () => {
  // Expected outputs are what kubectl prints; the docs page shows maps as Go's map[cpu:4], which
  // kubectl stopped doing: non-scalar results print as JSON.
  it.each([
    ['kind is {.kind}', 'kind is List'],
    ['{.kind}', 'List'],
    ["{['kind']}", 'List'],
    ['{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
    ['{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['{.users[0].name}', 'myself'],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ["{.items[0].metadata.labels['kubernetes\\.io/hostname']}", '127.0.0.1'],
    ['{.items[-1].metadata.name}', '127.0.0.2'],
    ['{$.kind}{@.kind}', 'ListList'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected);
  });

  it('prints {@} as the JSON of the whole input, keys sorted', () => {
    expect(run('{@}', { b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });
});

describe('JSONPath: fields, subscripts and slices', () => {
  const pod = {
    metadata: { name: 'web', labels: { app: 'web', tier: '<fe>' } },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.25', resources: { limits: { cpu: '500m' } } },
        { name: 'side', image: 'busybox' },
      ],
    },
  };

  it.each([
    ['{.metadata.name} {.spec.containers[*].name}', 'web nginx side'],
    ['{.metadata.labels}', '{"app":"web","tier":"\\u003cfe\\u003e"}'],
    ['{.metadata.labels.*}', 'web <fe>'],
    ['{.spec.containers[*].resources.limits.cpu}', '500m'],
    ['{.spec.containers[0:1].name}', 'nginx'],
    ['{.spec.containers[1:].name}', 'side'],
    ['{.spec.containers[-1:].name}', 'side'],
    ['{.spec.containers[::2].name}', 'nginx'],
    ['{.spec.containers[1:1]}', ''],
    ["{.metadata.labels['app']}", 'web'],
    ['{.metadata.labels.kubernetes\\.io/x}', ''],
    ['{.missing}{.metadata.missing.deeper}', ''],
    ['x{.metadata.name}y', 'xweby'],
    ['{.metadata.name}}', 'web}'],
    ['{ .metadata.name }', 'web'],
  ])('%s', (template, expected) => {
    expect(run(template, pod)).toBe(expected);
  });

  it('prints scalars the way Go does', () => {
    const data = { nums: [3, 1.5, -2, 1e21, 0.000001, 1234567.5, true, null, 100000.25] };
    expect(run('{.nums[*]}', data)).toBe('3 1.5 -2 1e+21 1e-06 1.2345675e+06 true null 100000.25');
    expect(run('{.nums}', data)).toBe('[3,1.5,-2,1e+21,0.000001,1234567.5,true,null,100000.25]');
    expect(run('{.nums[6]}{.nums[2]}', data)).toBe('true-2');
  });

  it('walks a string as its bytes under *', () => {
    expect(run('{.kind.*}', { kind: 'ConfigMap' })).toBe('67 111 110 102 105 103 77 97 112');
  });

  it('evaluates string literals with Go escapes, in either quote', () => {
    expect(run(`{'a\\tb'}{"\\n"}{"x\\u00e9"}`, {})).toBe('a\tb\nxé');
  });
});

describe('JSONPath: filters', () => {
  const node = {
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: '2024-01-01T00:00:00Z' },
      ],
    },
    pods: [
      { name: 'a', restarts: 0, containers: [{ name: 'x' }] },
      { name: 'b', restarts: 5, containers: [{ name: 'x' }, { name: 'y' }] },
      { name: 'c', restarts: 2 },
    ],
  };

  it.each([
    ['{.status.conditions[?(@.type=="Ready")].status}', 'True'],
    ["{.status.conditions[?(@.type!='Ready')].type}", 'MemoryPressure'],
    ['{.pods[?(@.restarts>1)].name}', 'b c'],
    ['{.pods[?(@.restarts>=2)].name}', 'b c'],
    ['{.pods[?(@.restarts<2)].name}', 'a'],
    ['{.pods[?(@.restarts<=2)].name}', 'a c'],
    ['{.pods[?(@.containers)].name}', 'a b'],
    // An index out of bounds inside an exists filter still counts as found, as in client-go.
    ['{.pods[?(@.containers[1])].name}', 'a b'],
    ['{.status.conditions[?(@.lastHeartbeatTime)].type}', 'Ready'],
  ])('%s', (template, expected) => {
    expect(run(template, node)).toBe(expected);
  });

  it('refuses to compare an integer with a float or a string', () => {
    expect(() => new JsonPath().parse('{.n[?(@==3)]}').execute({ n: [3, 1.5] })).toThrow(
      'incompatible types for comparison',
    );
    expect(() => new JsonPath().parse('{.p[?(@.name>1)]}').execute({ p: [{ name: 'a' }] })).toThrow(
      'incompatible types for comparison',
    );
  });
});

describe('JSONPath: range and end', () => {
  const list = { items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] };

  it('repeats the body per item', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toBe('a\nb\n');
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{end}{.kind}', { ...list, kind: 'List' })).toBe('a\tb\tList');
  });

  it('nests ranges', () => {
    const data = { items: [{ n: 'p', cs: [{ c: 'x' }, { c: 'y' }] }, { n: 'q', cs: [{ c: 'z' }] }] };
    expect(run('{range .items[*]}{.n}:{range .cs[*]}{.c},{end};{end}', data)).toBe('p:x,y,;q:z,;');
  });

  it('prints nothing for an empty list', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\n"}{end}', { items: [] })).toBe('');
  });

  it('runs an unclosed range body once more on the outer object, as kubectl does', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\n"}', list)).toBe('a\nb\n\n');
  });

  it('prints a null item as <no value> inside a range', () => {
    expect(run('{range .a[*]}{@},{end}', { a: [1, null] })).toBe('1,<no value>,');
  });
});

describe('kubectl -o jsonpath errors', () => {
  const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };

  it.each([
    ['{.foo', 'error parsing jsonpath {.foo, unclosed action'],
    ['{{.kind}', "error parsing jsonpath {{.kind}, unrecognized character in action: U+007B '{'"],
    ['{.a[?(@.x=="1" && @.y)]}', `error parsing jsonpath {.a[?(@.x=="1" && @.y)]}, unrecognized character in action: U+0026 '&'`],
    ['{.a[1}', 'error parsing jsonpath {.a[1}, unterminated array'],
    ['{.a[x]}', 'error parsing jsonpath {.a[x]}, invalid array index x'],
    ['{"abc}', 'error parsing jsonpath {"abc}, unterminated quoted string'],
    ['{.a\t}', 'error parsing jsonpath {.a\t}, unrecognized character in action: U+0009'],
  ])('%s', (template, message) => {
    expect(() => newJsonPathPrinter(template)).toThrow(message);
  });

  it('explains an execution error with the template and the object as Go prints them', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { tier: '<fe>' } }, n: [3, 1.5, null] };
    expect(() => run('{.metadata.name[0]}', pod)).toThrow(
      'error executing jsonpath "{.metadata.name[0]}": Error executing template: string is not array or slice. ' +
        'Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.metadata.name[0]}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"Pod", "metadata":map[string]interface {}{"labels":' +
        'map[string]interface {}{"tier":"<fe>"}, "name":"web"}, "n":[]interface {}{3, 1.5, interface {}(nil)}}\n\n\n',
    );
  });

  it.each([
    ['{.spec.containers[5]}', 'array index out of bounds: index 5, length 2'],
    ['{.spec.containers[0:2:0]}', 'step must be > 0'],
    ['{end}', 'not in range, nothing to end'],
    ['{foo}', 'unrecognized identifier foo'],
  ])('%s fails with %s', (template, cause) => {
    expect(() => run(template, obj)).toThrow(`Error executing template: ${cause}. Printing`);
  });

  it('reports missing keys only when --allow-missing-template-keys=false', () => {
    expect(newJsonPathPrinter('{.nope}').print(obj)).toBe('');
    expect(() => newJsonPathPrinter('{.nope}', { allowMissingKeys: false }).print(obj)).toThrow('nope is not found');
  });
});

describe('kubectl -o jsonpath flags', () => {
  const obj = { metadata: { name: 'web' } };

  it('takes the template from -o jsonpath=… or --template', () => {
    expect(jsonPathPrinterForFormat('jsonpath={.metadata.name}')!.print(obj)).toBe('web');
    expect(jsonPathPrinterForFormat('jsonpath', { templateArgument: '{.metadata.name}' })!.print(obj)).toBe('web');
    expect(jsonPathPrinterForFormat('yaml')).toBeUndefined();
  });

  it('prints a template without braces literally', () => {
    expect(jsonPathPrinterForFormat('jsonpath=.metadata.name')!.print(obj)).toBe('.metadata.name');
  });

  it('needs a template', () => {
    expect(() => jsonPathPrinterForFormat('jsonpath=')).toThrow('template format specified but no template given');
    expect(() => jsonPathPrinterForFormat('jsonpath')).toThrow('template format specified but no template given');
  });

  it('reads -o jsonpath-file', () => {
    const readFile = (p: string) => (p === 't.txt' ? '{.metadata.name}\n' : undefined);
    expect(jsonPathPrinterForFormat('jsonpath-file=t.txt', { readFile })!.print(obj)).toBe('web\n');
    expect(() => jsonPathPrinterForFormat('jsonpath-file=nope.txt', { readFile })).toThrow(
      'error reading --template nope.txt, open nope.txt: no such file or directory',
    );
  });

  it('prints each result set as an indented JSON array with -o jsonpath-as-json', () => {
    const list = { items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] };
    expect(jsonPathPrinterForFormat('jsonpath-as-json={.items[*].metadata.name}')!.print(list)).toBe(
      '[\n    "a",\n    "b"\n]\n',
    );
  });
});
