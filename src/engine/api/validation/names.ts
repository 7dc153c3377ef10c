/**
 * String-format checks with apimachinery's exact messages (`k8s.io/apimachinery/pkg/util/validation`):
 * each returns the list of problems, empty when the value is valid, so callers wrap every message
 * in its own field error as the apiserver does.
 */

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const CONFIG_MAP_KEY = '[-._a-zA-Z0-9]+';
const PERCENT = '[0-9]+%';

const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123LabelRe = whole(DNS1123_LABEL);
const dns1123SubdomainRe = whole(DNS1123_SUBDOMAIN);
const dns1035LabelRe = whole(DNS1035_LABEL);
const qualifiedNameRe = whole(QUALIFIED_NAME);
const labelValueRe = whole(LABEL_VALUE);
const configMapKeyRe = whole(CONFIG_MAP_KEY);
const percentRe = whole(PERCENT);

/** `RegexError`: the message, examples and the regex the value failed (Go's doubled space before `or` included). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;
const EMPTY_ERROR = 'must be non-empty';

/** Byte length as Go's len(): UTF-8 bytes, not UTF-16 code units. */
export function byteLength(s: string): number {
  // By code unit, without a string per character: a surrogate pair is one 4-byte code point, a
  // lone surrogate 3 bytes (as iterating by code point counts them).
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isHighSurrogate(c) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function isDNS1123Label(value: string): readonly string[] {
  // Namespaces are checked on every create: the same few names again and again.
  return dns1123Labels.errors(value);
}

function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!dns1123LabelRe.test(value)) {
    if (dns1123SubdomainRe.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
          DNS1123_LABEL,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): readonly string[] {
  // Every create checks its name (most often a new one, so no cache): the valid ones share one
  // empty answer.
  const tooLong = byteLength(value) > 253;
  const malformed = !dns1123SubdomainRe.test(value);
  if (!tooLong && !malformed) return VALID;
  const errs: string[] = [];
  if (tooLong) errs.push(maxLenError(253));
  if (malformed)
    errs.push(
      regexError(
        'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character',
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!dns1035LabelRe.test(value))
    errs.push(
      regexError(
        'a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character',
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

const QUALIFIED_NAME_MSG = 'must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character';

/** A "qualified name" (label keys, annotation keys, finalizers): an optional DNS-subdomain prefix and `/`. */
export function isQualifiedName(value: string): readonly string[] {
  return qualifiedNames.errors(value);
}

/**
 * Strings already found valid (the same label keys and values come back on every pod a
 * ReplicaSet creates): pure functions of the string, so remembering changes nothing but speed.
 * Bounded: a full set simply starts over. Their answer is one shared empty list, never changed.
 */
const VALID: readonly string[] = Object.freeze([]);
const MAX_REMEMBERED = 4096;

/** One check's answers: the errors of a value, the checks run once for a value found valid. */
class KnownValid {
  private readonly valid = new Set<string>();

  constructor(private readonly errorsOf: (value: string) => string[]) {}

  errors(value: string): readonly string[] {
    if (this.valid.has(value)) return VALID;
    const errs = this.errorsOf(value);
    if (errs.length) return errs;
    if (this.valid.size >= MAX_REMEMBERED) this.valid.clear();
    this.valid.add(value);
    return VALID;
  }
}

const qualifiedNames = new KnownValid(qualifiedNameErrors);
const labelValues = new KnownValid(labelValueErrors);
const dns1123Labels = new KnownValid(dns1123LabelErrors);

function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part ' + EMPTY_ERROR);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => 'prefix part ' + m));
  } else {
    return [
      'a qualified name ' +
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc') +
        ' with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')',
    ];
  }
  if (name.length === 0) errs.push('name part ' + EMPTY_ERROR);
  else if (byteLength(name) > 63) errs.push('name part ' + maxLenError(63));
  if (!qualifiedNameRe.test(name)) errs.push('name part ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc'));
  return errs;
}

export function isValidLabelValue(value: string): readonly string[] {
  return labelValues.errors(value);
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(value))
    errs.push(
      regexError(
        'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character',
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(maxLenError(253));
  if (!configMapKeyRe.test(value))
    errs.push(regexError('a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'', CONFIG_MAP_KEY, 'key.name', 'KEY_NAME', 'key-name'));
  if (value === '.') errs.push('must not be \'.\'');
  else if (value === '..') errs.push('must not be \'..\'');
  else if (value.startsWith('..')) errs.push('must not start with \'..\'');
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidPercent(value: string): string[] {
  return percentRe.test(value) ? [] : [regexError('a valid percent string must be a numeric string followed by an ending \'%\'', PERCENT, '1%', '93%')];
}

/** A function that checks an object name; `prefix` is true for generateName, whose trailing dash is allowed. */
export type NameRule = (name: string, prefix: boolean) => readonly string[];

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const nameIsDNSSubdomain: NameRule = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameRule = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameRule = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
