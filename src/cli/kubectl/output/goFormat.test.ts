import { describe, expect, it } from 'vitest';
import { goFloat, goJsonIndent, goJsonMarshal, goQuote, goRuneU, goSharpV, goSprint } from './goFormat';

describe('Go formatting of decoded JSON values', () => {
  it.each([
    [1.5, '1.5'],
    [100000.25, '100000.25'],
    [1234567.5, '1.2345675e+06'],
    [0.000001, '1e-06'],
    [0.0001, '0.0001'],
    [1e21, '1e+21'],
    [-2.5e-7, '-2.5e-07'],
  ])('formats the float %d as %s', (f, text) => {
    expect(goFloat(f)).toBe(text);
  });

  it('prints %v like fmt.Sprint', () => {
    expect(goSprint({ b: [1, 'x', null], a: {} })).toBe('map[a:map[] b:[1 x <nil>]]');
    expect(goSprint(9007199254740991)).toBe('9007199254740991');
  });

  it('prints %#v like fmt for map[string]interface{}', () => {
    expect(goSharpV({ b: [1, 1.5, null, true], a: 'q"\n' })).toBe(
      'map[string]interface {}{"a":"q\\"\\n", "b":[]interface {}{1, 1.5, interface {}(nil), true}}',
    );
  });

  it('marshals JSON as encoding/json does: sorted keys, HTML-safe', () => {
    expect(goJsonMarshal({ z: '<a&b>', a: [1e21, 0.5] })).toBe('{"a":[1e+21,0.5],"z":"\\u003ca\\u0026b\\u003e"}');
    expect(goJsonIndent(['a', { b: {} }])).toBe('[\n    "a",\n    {\n        "b": {}\n    }\n]');
  });

  it('quotes like strconv.Quote and %#U', () => {
    expect(goQuote('a\tb\x01é')).toBe('"a\\tb\\x01é"');
    expect(goRuneU('&')).toBe("U+0026 '&'");
    expect(goRuneU('\t')).toBe('U+0009');
  });
});
