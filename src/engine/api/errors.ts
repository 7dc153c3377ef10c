/**
 * API errors shaped like apimachinery's StatusError: an HTTP code, a reason and the apiserver's
 * message, with details (field causes for Invalid). kubectl renders these (see cli), and
 * `pilothouse serve` sends them as metav1.Status bodies.
 */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError';

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The metav1.Status body the apiserver would send. */
  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: Object.keys(this.details).length ? this.details : undefined,
      code: this.code,
    };
  }
}

export function isApiError(e: unknown, reason?: StatusReason): e is ApiError {
  return e instanceof ApiError && (reason === undefined || e.reason === reason);
}

/** `<resource> "<name>" not found`, e.g. `deployments.apps "web" not found`. */
export function notFound(resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${resource} "${name}" not found`, details(resource, name));
}

export function alreadyExists(resource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${resource} "${name}" already exists`, details(resource, name));
}

export function conflict(resource: string, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, details(resource, name));
}

export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function forbidden(resource: string, name: string | undefined, why: string): ApiError {
  const what = name ? `${resource} "${name}"` : resource;
  return new ApiError(403, 'Forbidden', `${what} is forbidden: ${why}`, details(resource, name));
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function tooManyRequests(message: string, retryAfterSeconds?: number): ApiError {
  return new ApiError(429, 'TooManyRequests', message, retryAfterSeconds ? { retryAfterSeconds } : {});
}

function details(resource: string, name: string | undefined): StatusDetails {
  const dot = resource.indexOf('.');
  const kind = dot < 0 ? resource : resource.slice(0, dot);
  const group = dot < 0 ? undefined : resource.slice(dot + 1);
  const d: StatusDetails = { kind };
  if (name !== undefined) d.name = name;
  if (group) d.group = group;
  return d;
}
