/** What every request handler of the server shares. */
import type { Simulation } from '../../engine/sim/simulation';
import type { ServeClock } from './clock';

export interface ServeContext {
  sim: Simulation;
  clock: ServeClock;
  /** `host:port` as clients reach the server (for `/api`'s serverAddressByClientCIDRs). */
  serverAddress(): string;
  /** Wall milliseconds between watch bookmarks when a client allows them (apiserver: about a minute). */
  bookmarkMs: number;
}
