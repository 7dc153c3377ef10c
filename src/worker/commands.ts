/**
 * Runs one terminal command at a time: drives its generator, sends its output to the page, and
 * lets it wait in virtual time. A `sleep` effect parks the command until the clock reaches its
 * wake-up time (the host advances the clock at the chosen speed); Ctrl+C ends it through the
 * generator's `return`, so its `finally` blocks (a watch's unsubscribe) run. A `stdin.readLine`
 * call (an interactive `kubectl exec -it … -- sh`) parks it until the page sends the line typed;
 * while such a shell runs a command (`stdin.interruptible`), Ctrl+C stops that command only.
 * An `editor.open` call (`kubectl edit` without `$KUBE_EDITOR`) parks it until the page sends the
 * text saved in its editor tab, or null (tab closed; Ctrl+C answers null too, so kubectl edit
 * says "Edit cancelled, no changes made.").
 */
import { EDITOR_OPEN, type EditorOpenPayload } from '../cli/kubectl/cmd/edit';
import { INTERRUPT, STDIN_INTERRUPTIBLE, STDIN_READ_LINE } from '../engine/shell';
import type { ShellEffect } from '../engine/shell/types';

export type CommandGen = Generator<ShellEffect, number, unknown>;

export interface CommandSink {
  output(id: number, stream: 'stdout' | 'stderr', text: string): void;
  clear(id: number): void;
  /** The command waits for a line of standard input (answer with `input`). */
  readLine(id: number): void;
  /** The command waits for a text to be edited (answer with `editorResult`). */
  openEditor(id: number, payload: EditorOpenPayload): void;
  done(id: number, exitCode: number): void;
  now(): number;
}

/** Exit status of a command stopped by Ctrl+C (128 + SIGINT), as bash reports it. */
export const INTERRUPTED = 130;

export class CommandRunner {
  /** `interruptible`: an interactive shell with a terminal (exec -it) runs a command, which gets Ctrl+C instead. */
  private current: { id: number; gen: CommandGen; wakeAt: number; reading?: boolean; editing?: boolean; interruptible?: boolean } | undefined;

  constructor(private readonly sink: CommandSink) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  get runningId(): number | undefined {
    return this.current?.id;
  }

  /** When the running command wants to resume (virtual ms), if it is waiting. */
  get wakeAt(): number | undefined {
    return this.current?.wakeAt;
  }

  start(id: number, gen: CommandGen): void {
    if (this.current) throw new Error(`command ${this.current.id} is still running`);
    this.current = { id, gen, wakeAt: this.sink.now() };
    this.resume();
  }

  /** A line typed for the command (`null`: end of input); false when it is not reading one. */
  input(id: number, line: string | null): boolean {
    const c = this.current;
    if (!c || c.id !== id || !c.reading) return false;
    c.reading = false;
    c.wakeAt = this.sink.now();
    this.resume(line);
    return true;
  }

  /** The text saved in the editor for the command (`null`: cancelled); false when it is not editing. */
  editorResult(id: number, text: string | null): boolean {
    const c = this.current;
    if (!c || c.id !== id || !c.editing) return false;
    c.editing = false;
    c.wakeAt = this.sink.now();
    this.resume(text);
    return true;
  }

  /** Drives the command until it waits or ends; `answer` replies to the effect it stopped at. */
  resume(answer?: unknown): void {
    const c = this.current;
    if (!c || c.reading || c.editing) return;
    for (;;) {
      let step: IteratorResult<ShellEffect, number>;
      try {
        step = c.gen.next(answer);
      } catch (err) {
        this.sink.output(c.id, 'stderr', `error: ${err instanceof Error ? err.message : String(err)}\n`);
        this.finish(1);
        return;
      }
      answer = undefined;
      if (step.done) {
        this.finish(step.value);
        return;
      }
      const e = step.value;
      if (e.type === 'stdout' || e.type === 'stderr') this.sink.output(c.id, e.type, e.text);
      else if (e.type === 'call' && e.name === 'clear') this.sink.clear(c.id);
      else if (e.type === 'call' && e.name === STDIN_INTERRUPTIBLE) c.interruptible = e.payload === true;
      else if (e.type === 'call' && e.name === STDIN_READ_LINE) {
        // Time goes on while a person types; the command resumes only when the line comes.
        c.reading = true;
        c.wakeAt = Infinity;
        this.sink.readLine(c.id);
        return;
      }
      else if (e.type === 'call' && e.name === EDITOR_OPEN) {
        c.editing = true;
        c.wakeAt = Infinity;
        this.sink.openEditor(c.id, e.payload as EditorOpenPayload);
        return;
      }
      else if (e.type === 'sleep' && e.ms > 0) {
        c.wakeAt = this.sink.now() + e.ms;
        return;
      }
    }
  }

  /** Ctrl+C. Returns whether a command with this id was running. */
  interrupt(id: number): boolean {
    const c = this.current;
    if (!c || c.id !== id) return false;
    if (c.editing) return this.editorResult(id, null);
    if (c.interruptible && !c.reading) {
      // The tty's SIGINT goes to the command the container's shell runs, not to kubectl exec.
      c.interruptible = false;
      c.wakeAt = this.sink.now();
      this.resume(INTERRUPT);
      return true;
    }
    try {
      c.gen.return(INTERRUPTED);
    } catch {
      // A command failing while it unwinds is still stopped.
    }
    this.finish(INTERRUPTED);
    return true;
  }

  private finish(exitCode: number): void {
    const c = this.current!;
    this.current = undefined;
    this.sink.done(c.id, exitCode);
  }
}
