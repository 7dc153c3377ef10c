/** Every kubectl verb the sandbox serves. */
import type { KubectlCommand } from './command';
import { annotate, label } from './cmd/label';
import { apiResources } from './cmd/apiResources';
import { apply } from './cmd/apply';
import { clusterInfo } from './cmd/clusterInfo';
import { config } from './cmd/config';
import { cordon, uncordon } from './cmd/cordon';
import { create } from './cmd/create';
import { deleteCommand } from './cmd/delete';
import { describe } from './cmd/describe';
import { diff } from './cmd/diff';
import { drain } from './cmd/drain';
import { edit } from './cmd/edit';
import { exec } from './cmd/exec';
import { events } from './cmd/events';
import { explainCommand } from './cmd/explain';
import { expose } from './cmd/expose';
import { get } from './cmd/get';
import { logs } from './cmd/logs';
import { patch } from './cmd/patch';
import { rollout } from './cmd/rollout';
import { run } from './cmd/run';
import { scale } from './cmd/scale';
import { set } from './cmd/set';
import { top } from './cmd/top';
import { version } from './cmd/version';
import { wait } from './cmd/wait';

export const COMMANDS: KubectlCommand[] = [
  create,
  run,
  set,
  get,
  deleteCommand,
  rollout,
  scale,
  expose,
  clusterInfo,
  cordon,
  uncordon,
  drain,
  describe,
  top,
  logs,
  exec,
  apply,
  edit,
  patch,
  wait,
  events,
  explainCommand,
  diff,
  label,
  annotate,
  apiResources,
  config,
  version,
];
