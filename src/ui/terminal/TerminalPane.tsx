/**
 * The terminal pane: a thin adapter that puts @xterm/xterm (with fit and web-links) on the page and
 * connects it to a TerminalController. Everything a key does lives in the controller and the pure
 * modules beside it.
 */
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { actions } from '../state/store';
import { useApp, useServices } from '../app/context';
import { TerminalController } from './controller';

const BANNER = 'Welcome to Pilothouse: a simulated AKS cluster that runs in your browser.\n\nType \x1b[1mkubectl get nodes\x1b[0m to begin. Tab completes, ↑/↓ and Ctrl+R search history, Ctrl+C stops a command.\n\n';

const THEMES = {
  dark: { background: '#0c1017', foreground: '#d8dee9', cursor: '#d8dee9', selectionBackground: '#3b4a63' },
  light: { background: '#ffffff', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d4fe', blue: '#0550ae', green: '#116329' },
};

export default function TerminalPane() {
  const host = useRef<HTMLDivElement>(null);
  const services = useServices();
  const theme = useApp((s) => s.layout.theme);
  const fontSize = useApp((s) => s.layout.fontSize);
  const term = useRef<{ xterm: Terminal; fit: FitAddon } | null>(null);

  useEffect(() => {
    const { store, bridge } = services;
    const xterm = new Terminal({
      fontSize: store.getState().layout.fontSize,
      fontFamily: '"Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      theme: THEMES[store.getState().layout.theme],
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.loadAddon(new WebLinksAddon());
    xterm.open(host.current!);
    xterm.textarea?.setAttribute('aria-label', 'Terminal: type kubectl commands here');
    fit.fit();
    const controller = new TerminalController(
      { write: (d) => xterm.write(d), cols: () => xterm.cols },
      {
        run: (input, onOutput, onClear, onReadLine) => bridge.run(input, onOutput, onClear, onReadLine),
        stdin: (id, line) => bridge.stdin(id, line),
        interrupt: (id) => bridge.interrupt(id),
        complete: (line, cursor) => bridge.complete(line, cursor),
      },
      { history: store.getState().history, onHistory: (h) => actions.setHistory(store, h), banner: BANNER },
    );
    controller.start();
    const data = xterm.onData((d) => controller.input(d));
    services.print = (text) => controller.print(text);
    services.type = (text) => controller.type(text);
    term.current = { xterm, fit };
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Hidden (zero-size) panes cannot be fitted; the next resize will.
      }
    });
    resize.observe(host.current!);
    xterm.focus();
    (window as unknown as { __pilothouseTerminal?: Terminal }).__pilothouseTerminal = xterm;
    return () => {
      data.dispose();
      resize.disconnect();
      xterm.dispose();
      term.current = null;
    };
  }, [services]);

  useEffect(() => {
    const t = term.current;
    if (!t) return;
    t.xterm.options.theme = THEMES[theme];
    t.xterm.options.fontSize = fontSize;
    t.fit.fit();
  }, [theme, fontSize]);

  return <div ref={host} className="terminal-host" data-testid="terminal" />;
}
