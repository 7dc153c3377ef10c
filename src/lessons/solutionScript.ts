/** A step's solution as command-language text ("apply solution" pastes it into the terminal). */
import type { SolutionAction } from './model';

export function solutionScript(actions: SolutionAction[]): string {
  return actions
    .map((a) => {
      if ('run' in a) return a.run;
      if ('wait' in a) return `sleep ${sleepArgument(a.wait)}`;
      return '# then let time run until the cluster is quiet';
    })
    .join('\n')
    .concat(actions.length ? '\n' : '');
}

/** One `sleep` argument in the largest whole unit (`sleep` takes no `1h30m`). */
function sleepArgument(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.ceil(ms / 1000)}s`;
}
