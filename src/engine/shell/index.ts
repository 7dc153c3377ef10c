/** Public API of the shell. Modules inside shell/ import each other directly, never this file. */
export type * from './ast';
export type { Builtin, BuiltinIO, Dialect, ShellContext, ShellEffect, ShellFs, ShellOptions, ShellState } from './types';
export { parseScript } from './parser';
export { ShellSyntaxError, syntaxMessage } from './syntaxError';
export { isIncomplete, completionWords, splitArgv, type CompletionWords } from './words';
export { runScript, runArgv, createShell } from './run';
export { runInteractive, INTERRUPT, STDIN_INTERRUPTIBLE, STDIN_READ_LINE, type InteractiveOptions } from './interactive';
export { coreBuiltins } from './builtins';
export { memoryFs } from './io';
export { dateString, strftime, utcFields } from './calendar';
export { parseInterval } from './builtins/sleep';
