/**
 * `?watch=true`: a chunked stream of JSON watch events, one per line, as apiserver streams them
 * to clients that ask for JSON. Honors resourceVersion (resume, or ADDED for what exists), label and
 * field selectors, `timeoutSeconds`, `allowWatchBookmarks` (periodic BOOKMARK events) and
 * `sendInitialEvents` (the initial-events-end bookmark), and Tables (`kubectl get -w`): each event's
 * object is a one-row Table, with column definitions only in the first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isApiError } from '../../engine/api/errors';
import { apiVersionOf, qualifiedName } from '../../engine/api/resources';
import type { WatchEvent } from '../../engine/api/server';
import type { KubeObject } from '../../engine/objects';
import type { ServeContext } from './context';
import { JSON_TYPE, toApiError, wantsTable } from './http';
import { listOptions } from './rest';
import type { ResourceRoute } from './routes';
import { parseIncludeObject, tableContentType, toTable } from './table';

/** apiserver picks a random timeout between 30 and 60 minutes; this one is fixed. */
const DEFAULT_TIMEOUT_S = 1800;

export function serveWatch(ctx: ServeContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, url: URL): void {
  const q = url.searchParams;
  const t = route.type;
  const resource = qualifiedName(t);
  const table = wantsTable(req.headers.accept);
  const includeObject = parseIncludeObject(q.get('includeObject'));
  const opts = listOptions(route, q);
  if (route.name) opts.fieldSelector = [opts.fieldSelector, `metadata.name=${route.name}`].filter(Boolean).join(',');
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  const initialEvents = q.get('sendInitialEvents') === 'true';
  const rv = q.get('resourceVersion') ?? undefined;

  res.writeHead(200, { 'Content-Type': table ? tableContentType(table.version) : JSON_TYPE, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let first = true;
  const write = (type: string, object: unknown) => {
    if (!res.writableEnded) res.write(JSON.stringify({ type, object }) + '\n');
  };
  const onEvent = (e: WatchEvent) => {
    if (!table) return write(e.type, e.object);
    const body = toTable([e.object], { resource, now: ctx.sim.now(), version: table.version, includeObject, noHeaders: !first, resourceVersion: e.object.metadata.resourceVersion });
    first = false;
    write(e.type, body);
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: KubeObject['metadata'] = { resourceVersion: String(ctx.sim.store.resourceVersion) } as KubeObject['metadata'];
    if (annotations) metadata.annotations = annotations;
    write('BOOKMARK', { kind: t.kind, apiVersion: apiVersionOf(t), metadata });
  };

  let stop: (() => void) | undefined;
  try {
    ctx.sim.settle();
    stop = ctx.sim.api.watch(resource, { ...opts, resourceVersion: initialEvents ? undefined : rv }, onEvent);
  } catch (e) {
    // apiserver reports a bad watch (a compacted resourceVersion: 410 Expired) as an ERROR event.
    const err = toApiError(e);
    write('ERROR', JSON.parse(JSON.stringify(err.toStatus())));
    res.end();
    if (!isApiError(e)) throw e;
    return;
  }
  if (initialEvents && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  const endWait = ctx.clock.beginWait();
  const timers: ReturnType<typeof setTimeout>[] = [];
  const finish = () => {
    stop?.();
    stop = undefined;
    endWait();
    for (const timer of timers) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timeout = Number(q.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_S);
  timers.push(setTimeout(finish, Math.max(0, timeout) * 1000));
  if (bookmarks) timers.push(setInterval(() => bookmark(), ctx.bookmarkMs));
  req.on('close', finish);
  res.on('close', finish);
}
