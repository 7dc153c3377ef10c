/**
 * Renders errors the way kubectl's checkErr does (cmd/util/helpers.go): Invalid API errors as
 * `The Kind "name" is invalid: ...`, other API errors as `Error from server (Reason): message`,
 * everything else as `error: message`.
 */
import { ApiError } from '../../engine/api/errors';

export function kubectlErrorText(e: unknown, source?: string): string {
  if (e instanceof ApiError) return apiErrorText(e, source);
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

/** `source` is the file an object came from (`error when creating "x.yaml": ...`). */
export function apiErrorText(e: ApiError, source?: string, verb = 'creating'): string {
  if (e.reason === 'Invalid' && e.details.causes?.length) {
    const kind = e.details.kind ?? '';
    // No kind and no name (a patch that does not decode): kubectl says `The request is invalid`.
    const head = kind || e.details.name ? `The ${kind} "${e.details.name ?? ''}" is invalid: ` : 'The request is invalid: ';
    const causes = e.details.causes;
    if (causes.length === 1) return head + (causes[0].field ? `${causes[0].field}: ` : '') + causes[0].message;
    return head + '\n' + causes.map((c) => `* ${c.field ? `${c.field}: ` : ''}${c.message}`).join('\n');
  }
  const where = source ? `error when ${verb} "${source}": ` : '';
  return `Error from server (${e.reason}): ${where}${e.message}`;
}
