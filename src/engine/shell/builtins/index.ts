/**
 * The core builtins every shell has, for both the terminal and containers. Hosts add their
 * own (kubectl, az, sim, nc, wget…) through ShellContext.builtins, which take precedence.
 */
import type { Builtin } from '../types';
import { awk } from './awk';
import { breakBuiltin, cd, continueBuiltin, exit, falseBuiltin, pwd, returnBuiltin, trueBuiltin } from './control';
import { cut, tr } from './cut';
import { echo, printf } from './echo';
import { expr } from './expr';
import { grep } from './grep';
import { basename, date, dirname, hostname, seq, uname, whoami } from './misc';
import { sed } from './sed';
import { sleep } from './sleep';
import { sort, uniq } from './sort';
import { test } from './test';
import { cat, head, tail, wc } from './text';
import { env, exportBuiltin, local, printenv, read, set, shift, unset } from './vars';

export const coreBuiltins: Readonly<Record<string, Builtin>> = Object.freeze({
  ':': trueBuiltin,
  true: trueBuiltin,
  false: falseBuiltin,
  exit,
  return: returnBuiltin,
  break: breakBuiltin,
  continue: continueBuiltin,
  cd,
  pwd,
  echo,
  printf,
  test,
  '[': test,
  sleep,
  export: exportBuiltin,
  local,
  unset,
  env,
  printenv,
  set,
  shift,
  read,
  cat,
  head,
  tail,
  wc,
  grep,
  sed,
  sort,
  uniq,
  cut,
  tr,
  awk,
  expr,
  date,
  hostname,
  whoami,
  uname,
  seq,
  basename,
  dirname,
});
