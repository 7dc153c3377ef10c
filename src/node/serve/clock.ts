/**
 * Maps wall-clock time onto the simulation's virtual time — the one place in serve that reads the
 * wall clock (the engine never does).
 *
 * - `speed > 0`: every tick, virtual time advances by `speed ×` the wall time since the last tick.
 * - `speed 0` (paused): virtual time moves only when told (`advance`, `advanceTo`, the sandbox
 *   endpoint's `sleep`). A paused clock may be given a *horizon*: while a client waits on the
 *   server (a watch or a log follow is open, or the client has gone quiet after a request), time
 *   steps from one scheduled activity to the next, never past the horizon. This is how the
 *   conformance suite lets the real kubectl's waiting commands (`rollout status`, `delete`, `drain`)
 *   see the same instants our kubectl's headless waits see.
 */
import type { Simulation } from '../../engine/sim/simulation';

export interface ClockOptions {
  speed: number;
  /** Wall milliseconds between ticks (default 100). */
  tickMs?: number;
  /** Paused with a horizon: wall ms of client silence after a request before time steps (default 300). */
  idleMs?: number;
}

export class ServeClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastWall = performance.now();
  private horizon: number | undefined;
  private waiting = 0;
  private lastRequest = 0;
  private requestsSinceHorizon = 0;
  private listeners = new Set<() => void>();
  /** Fractions of a virtual millisecond not yet applied (the engine's time is whole milliseconds). */
  private carry = 0;
  readonly tickMs: number;
  readonly idleMs: number;

  constructor(
    readonly sim: Simulation,
    private opts: ClockOptions,
  ) {
    this.tickMs = opts.tickMs ?? 100;
    this.idleMs = opts.idleMs ?? 300;
  }

  get speed(): number {
    return this.opts.speed;
  }

  start(): void {
    this.lastWall = performance.now();
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        // A broken invariant in the engine must not take the server down with it: say so, keep serving.
        process.stderr.write(`pilothouse serve: the simulation failed at ${new Date(this.sim.now()).toISOString()}: ${(e as Error).stack ?? e}\n`);
      }
    }, this.tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  setSpeed(speed: number): void {
    this.opts = { ...this.opts, speed };
    this.lastWall = performance.now();
  }

  /** Paused mode: allow waiting clients to pull time forward up to `t` (undefined: no horizon). */
  setHorizon(t: number | undefined): void {
    this.horizon = t;
    this.requestsSinceHorizon = 0;
  }

  getHorizon(): number | undefined {
    return this.horizon;
  }

  advance(ms: number): void {
    this.sim.advance(ms);
    this.notify();
  }

  advanceTo(t: number): void {
    if (t > this.sim.now()) this.sim.advanceTo(t);
    else this.sim.settle();
    this.notify();
  }

  /** A request came in (resets the idle timer used with a horizon). */
  touch(): void {
    this.lastRequest = performance.now();
    this.requestsSinceHorizon++;
  }

  /** A client is waiting on a stream (watch, log follow); returns the function that ends the wait. */
  beginWait(): () => void {
    this.waiting++;
    let done = false;
    return () => {
      if (!done) this.waiting--;
      done = true;
    };
  }

  /** Called after every change of virtual time; returns the unsubscribe function. */
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One tick of the wall-clock loop (public for tests). */
  tick(): void {
    const wall = performance.now();
    const elapsed = wall - this.lastWall;
    this.lastWall = wall;
    if (this.opts.speed > 0) {
      // A stalled event loop must not make the simulation jump hours at once.
      const ms = Math.min(elapsed, 5000) * this.opts.speed + this.carry;
      const whole = Math.floor(ms);
      this.carry = ms - whole;
      if (whole > 0) this.advance(whole);
      return;
    }
    if (this.horizon === undefined || this.sim.now() >= this.horizon || this.requestsSinceHorizon === 0) return;
    const idle = wall - this.lastRequest >= this.idleMs;
    if (this.waiting === 0 && !idle) return;
    const next = this.sim.nextActivity();
    this.advanceTo(next === undefined || next > this.horizon ? this.horizon : Math.max(next, this.sim.now() + 1));
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
