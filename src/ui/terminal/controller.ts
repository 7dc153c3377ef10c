/**
 * The terminal's behaviour without xterm: keys go through the line editor, Enter sends the input to
 * the Worker, output comes back as written, Tab asks the Worker for completions, Ctrl+C interrupts.
 * Keys typed while a command runs wait their turn (type-ahead), except Ctrl+C. A command that reads
 * its standard input (`kubectl exec -it web -- sh`) gets the lines typed: the line is edited after
 * the prompt it printed, Enter sends it, Ctrl+D on an empty line is end of input, Ctrl+C a fresh
 * line. The xterm adapter (TerminalPane.tsx) only connects a `Surface` and forwards `onData`.
 */
import type { Completion, ReplyValues } from '../../protocol/messages';
import { applyCompletion, formatColumns } from './completion';
import { parseKeys, type Key } from './keys';
import { afterSubmit, continueInput, edit, newEditor, searchFailed, type EditorState } from './lineEditor';
import { draw, NOTHING_DRAWN, plainPrompt, type Drawn, type Prompt, type View } from './render';

export interface Surface {
  write(data: string): void;
  cols(): number;
}

export interface Shell {
  run(input: string, onOutput: (stream: 'stdout' | 'stderr', text: string) => void, onClear: () => void, onReadLine?: () => void): { id: number; done: Promise<ReplyValues['run']> };
  interrupt(id: number): unknown;
  /** A line for the running command that asked for one (`null`: end of input). */
  stdin?(id: number, line: string | null): unknown;
  complete(line: string, cursor: number): Promise<Completion>;
}

export interface ControllerOptions {
  history: readonly string[];
  onHistory(history: string[]): void;
  prompt?: Prompt;
  banner?: string;
}

/** Azure Cloud Shell's bash prompt: green user@Azure, blue directory. */
export const CLOUD_SHELL_PROMPT: Prompt = { text: '\x1b[32mlearner@Azure\x1b[0m:\x1b[34m~\x1b[0m$ ', width: 'learner@Azure:~$ '.length };
const CONTINUATION = plainPrompt('> ');
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
const HISTORY_LIMIT = 1000;

export class TerminalController {
  private state: EditorState;
  private drawn: Drawn = NOTHING_DRAWN;
  private queue: Key[] = [];
  private busy: 'idle' | 'running' | 'completing' = 'idle';
  private running: number | undefined;
  private interruptRequested = false;
  private lastKeyWasTab = false;
  private readonly prompt: Prompt;
  private idleWaiters: (() => void)[] = [];
  /** The running command waits for a line; its prompt is what it printed last on the line. */
  private reading: { id: number; prompt: Prompt } | undefined;
  /** The terminal's own line while a command reads lines of its own. */
  private mainState: EditorState | undefined;
  /** The running command's output since its last newline. */
  private tail = '';
  private readonly stdinHistory: string[] = [];

  constructor(
    private readonly surface: Surface,
    private readonly shell: Shell,
    private readonly opts: ControllerOptions,
  ) {
    this.state = newEditor(opts.history);
    this.prompt = opts.prompt ?? CLOUD_SHELL_PROMPT;
  }

  start(): void {
    if (this.opts.banner) this.surface.write(crlf(this.opts.banner));
    this.redraw();
  }

  /** What xterm's onData delivered. */
  input(data: string): void {
    for (const key of parseKeys(data)) {
      if (this.busy === 'running' && key.type === 'ctrl' && key.key === 'c') this.interrupt();
      else this.queue.push(key);
    }
    this.drain();
  }

  /** Keys from elsewhere (a lesson's Run button), typed visibly; resolves once they have run and
   *  the prompt is back. */
  type(text: string): Promise<void> {
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.input(text.replace(/\r?\n/g, '\r'));
    return idle;
  }

  /** Text from elsewhere (the editor's apply result, a notice), shown above the prompt. */
  print(text: string): void {
    if (this.busy === 'running') return this.surface.write(crlf(text));
    this.surface.write(draw({ ...this.view(), prompt: plainPrompt(''), text: '', cursor: 0 }, this.surface.cols(), this.drawn).out);
    this.drawn = NOTHING_DRAWN;
    this.surface.write(crlf(text.endsWith('\n') ? text : text + '\n'));
    this.redraw();
  }

  /** The terminal was resized or cleared from outside: draw the line again. */
  refresh(): void {
    if (this.busy !== 'running') this.redraw();
  }

  private drain(): void {
    while (this.busy === 'idle' && this.queue.length > 0) this.key(this.queue.shift()!);
    // Back at the shell's own prompt (not a command's `read`): what `type` waits for.
    if (this.busy === 'idle' && !this.reading && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private key(key: Key): void {
    if (this.reading && key.type === 'tab') return;
    if (this.reading && key.type === 'ctrl' && key.key === 'd' && this.state.text === '') return this.sendLine(null);
    const secondTab = this.lastKeyWasTab && key.type === 'tab';
    this.lastKeyWasTab = key.type === 'tab';
    const { state, action } = edit(this.state, key);
    this.state = state;
    switch (action?.type) {
      case 'submit':
        return this.submit(action.input);
      case 'complete':
        return this.complete(secondTab);
      case 'interrupt':
        this.surface.write('^C\r\n');
        this.drawn = NOTHING_DRAWN;
        if (this.reading) return this.sendLine('');
        break;
      case 'clearScreen':
        this.surface.write(CLEAR_SCREEN);
        this.drawn = NOTHING_DRAWN;
        break;
      case 'bell':
        break;
    }
    this.redraw();
  }

  private submit(input: string): void {
    this.redraw();
    this.surface.write('\r\n');
    this.drawn = NOTHING_DRAWN;
    if (this.reading) return this.sendLine(input);
    if (input.trim() === '') {
      this.state = afterSubmit(this.state.history);
      return this.redraw();
    }
    this.busy = 'running';
    this.interruptRequested = false;
    this.tail = '';
    const { id, done } = this.shell.run(
      input,
      (_stream, text) => this.output(text),
      () => this.surface.write(CLEAR_SCREEN),
      () => this.startReading(),
    );
    this.running = id;
    done.then(
      (result) => {
        this.endReading();
        if ('incomplete' in result) {
          this.state = continueInput(this.state, input);
        } else {
          if (result.exitCode === 130 && this.interruptRequested) this.surface.write('\r\n');
          this.state = afterSubmit(this.remember(input));
        }
        this.finish();
      },
      (err: Error) => {
        this.endReading();
        this.surface.write(crlf(`\x1b[31m${err.message}\x1b[0m\n`));
        this.state = afterSubmit(this.remember(input));
        this.finish();
      },
    );
  }

  private output(text: string): void {
    this.surface.write(crlf(text));
    const all = this.tail + text;
    this.tail = all.slice(all.lastIndexOf('\n') + 1);
  }

  /** The running command asked for a line: edit one after its prompt (type-ahead first). */
  private startReading(): void {
    if (this.running === undefined) return;
    this.mainState ??= this.state;
    this.reading = { id: this.running, prompt: plainPrompt(this.tail) };
    this.state = newEditor(this.stdinHistory);
    this.busy = 'idle';
    this.drawn = NOTHING_DRAWN;
    this.redraw();
    this.drain();
  }

  private sendLine(line: string | null): void {
    const target = this.reading!.id;
    this.reading = undefined;
    this.busy = 'running';
    this.tail = '';
    if (line !== null && line.trim() !== '') this.stdinHistory.push(line);
    this.state = newEditor(this.stdinHistory);
    void this.shell.stdin?.(target, line);
  }

  private endReading(): void {
    this.reading = undefined;
    this.tail = '';
    if (this.mainState) this.state = this.mainState;
    this.mainState = undefined;
  }

  private finish(): void {
    this.busy = 'idle';
    this.running = undefined;
    this.redraw();
    this.drain();
  }

  private interrupt(): void {
    this.surface.write('^C');
    this.queue = [];
    this.interruptRequested = true;
    if (this.running !== undefined) this.shell.interrupt(this.running);
  }

  private complete(secondTab: boolean): void {
    if (this.state.committed !== undefined && this.state.text.includes('<<')) return;
    this.busy = 'completing';
    const { text, cursor } = this.state;
    this.shell.complete(text, cursor).then(
      (c) => {
        const r = applyCompletion(text, cursor, c, secondTab);
        if (r.list) {
          this.redraw();
          this.surface.write('\r\n' + crlf(formatColumns(r.list, this.surface.cols())));
          this.drawn = NOTHING_DRAWN;
          this.lastKeyWasTab = false;
        }
        this.state = { ...this.state, text: r.text, cursor: r.cursor };
        this.finish();
      },
      () => this.finish(),
    );
  }

  private remember(input: string): string[] {
    const history = [...this.state.history, input.replace(/\n+$/, '')].slice(-HISTORY_LIMIT);
    this.opts.onHistory(history);
    return history;
  }

  private view(): View {
    const s = this.state;
    if (s.search) {
      const failed = searchFailed(s) ? 'failed ' : '';
      const match = s.search.index >= 0 ? s.history[s.search.index] : '';
      const at = Math.max(0, match.lastIndexOf(s.search.query));
      return { prompt: plainPrompt(`(${failed}reverse-i-search)\`${s.search.query}': `), continuation: CONTINUATION, text: match, cursor: at };
    }
    const prompt = this.reading?.prompt ?? (s.committed !== undefined ? CONTINUATION : this.prompt);
    return { prompt, continuation: CONTINUATION, text: s.text, cursor: s.cursor };
  }

  private redraw(): void {
    const { out, drawn } = draw(this.view(), this.surface.cols(), this.drawn);
    this.surface.write(out);
    this.drawn = drawn;
  }
}

/** Output is written exactly as the headless program prints it; the terminal needs CR before LF. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
