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
import { drain } from './cmd/drain';
import { get } from './cmd/get';
import { logs } from './cmd/logs';
import { rollout } from './cmd/rollout';
import { run } from './cmd/run';
import { scale } from './cmd/scale';
import { set } from './cmd/set';
import { version } from './cmd/version';

export const COMMANDS: KubectlCommand[] = [
  create,
  run,
  set,
  get,
  deleteCommand,
  rollout,
  scale,
  clusterInfo,
  cordon,
  uncordon,
  drain,
  describe,
  logs,
  apply,
  label,
  annotate,
  apiResources,
  config,
  version,
];
