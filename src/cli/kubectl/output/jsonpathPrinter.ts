/**
 * `-o jsonpath=…`, `-o jsonpath-file=…` and `-o jsonpath-as-json=…` as kubectl 1.34 builds and
 * runs them (cli-runtime genericclioptions/jsonpath_flags.go and printers/jsonpath.go).
 *
 * Errors are thrown as `Error`s whose message is Go's `err.Error()`; kubectl's checkErr prints it
 * as `error: <message>` and adds a newline only when the message has none at its end (the
 * "error executing jsonpath" message already ends with three).
 *
 * What the template sees is the caller's business, as in `kubectl get`: one object when one was
 * asked for by name, otherwise a List:
 * `{"apiVersion":"v1","items":[…],"kind":"List","metadata":{"resourceVersion":""}}`.
 */
import { goQuote, goSharpV } from './goFormat';
import { JsonPath } from './jsonpath';
import { JsonPathSyntaxError } from './jsonpathParser';

export interface ObjectPrinter {
  /** Returns what kubectl writes to stdout for one PrintObj call; throws on error. */
  print(obj: unknown): string;
}

export interface JsonPathPrinterOptions {
  /** `--allow-missing-template-keys`, true by default in kubectl. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`. */
  jsonOutput?: boolean;
}

const JSON_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

/** Reads a file for `-o jsonpath-file=PATH`; undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined;

/** True when `-o FORMAT` names one of the JSONPath printers. */
export function isJsonPathFormat(format: string): boolean {
  return JSON_FORMATS.some((f) => format === f || format.startsWith(`${f}=`));
}

/**
 * JSONPathPrintFlags.ToPrinter: `format` is the `-o` value (`jsonpath={.a}`), `templateArgument`
 * the `--template` flag. Returns undefined when the format is not a JSONPath one.
 */
export function jsonPathPrinterForFormat(
  format: string,
  opts: JsonPathPrinterOptions & { templateArgument?: string; readFile?: ReadFile } = {},
): ObjectPrinter | undefined {
  let kind = format;
  let template = opts.templateArgument ?? '';
  if (!template) {
    const prefix = JSON_FORMATS.find((f) => format.startsWith(`${f}=`));
    if (prefix) {
      kind = prefix;
      template = format.slice(prefix.length + 1);
    }
  }
  if (!JSON_FORMATS.includes(kind)) return undefined;
  if (!template) throw new Error('template format specified but no template given');
  if (kind === 'jsonpath-file') {
    const text = opts.readFile?.(template);
    if (text === undefined) {
      throw new Error(`error reading --template ${template}, open ${template}: no such file or directory`);
    }
    template = text;
  }
  return newJsonPathPrinter(template, { ...opts, jsonOutput: kind === 'jsonpath-as-json' });
}

/** printers.NewJSONPathPrinter plus the flags' error wrapping. */
export function newJsonPathPrinter(template: string, opts: JsonPathPrinterOptions = {}): ObjectPrinter {
  const jsonPath = new JsonPath('out');
  try {
    jsonPath.parse(template);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) throw new Error(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  jsonPath.allowMissingKeys(opts.allowMissingKeys ?? true).enableJsonOutput(opts.jsonOutput ?? false);
  return {
    print(obj: unknown): string {
      try {
        return jsonPath.execute(obj);
      } catch (e) {
        if (!(e instanceof Error)) throw e;
        throw new Error(jsonPathExecutionMessage(template, e.message, obj));
      }
    },
  };
}

/** The message JSONPathPrinter.PrintObj returns when the template fails on an object. */
export function jsonPathExecutionMessage(template: string, cause: string, obj: unknown): string {
  return (
    `error executing jsonpath ${goQuote(template)}: ` +
    `Error executing template: ${cause}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n\n`
  );
}
