/** Colours of the graph and the list, per theme. Status colours double as the list's badges. */
import type { StatusCategory } from './status';

export type Theme = 'light' | 'dark';

export interface Palette {
  background: string;
  text: string;
  muted: string;
  pool: { fill: string; border: string };
  node: { fill: string; border: string };
  notReady: { fill: string; border: string };
  cordoned: { fill: string; border: string };
  area: { fill: string; border: string };
  status: Record<StatusCategory, string>;
  unready: string;
  items: { owner: string; controller: string; service: string; claim: string; volume: string; border: string; warn: string };
  edges: { owns: string; selects: string; binds: string; mounts: string };
  selected: string;
}

export const PALETTES: Record<Theme, Palette> = {
  light: {
    background: '#f6f7f9',
    text: '#1f2328',
    muted: '#59636e',
    pool: { fill: '#eaeef3', border: '#b8c2cf' },
    node: { fill: '#ffffff', border: '#8c99aa' },
    notReady: { fill: '#fdecec', border: '#c62828' },
    cordoned: { fill: '#f1f1f1', border: '#7a7a7a' },
    area: { fill: '#fff8e6', border: '#d29a00' },
    status: { running: '#2e8b47', creating: '#2f6fd8', pending: '#d9a000', failing: '#d13438', terminating: '#8a8f98', completed: '#5d6b7c', unknown: '#8250c4' },
    unready: '#a9d9b6',
    items: { owner: '#dce8fb', controller: '#e8effa', service: '#d9f2ee', claim: '#efe5fa', volume: '#e4d8f5', border: '#6a7a90', warn: '#d13438' },
    edges: { owns: '#8593a6', selects: '#1a9a88', binds: '#7b4fc0', mounts: '#a37fdc' },
    selected: '#0a66ff',
  },
  dark: {
    background: '#15181d',
    text: '#e3e7ed',
    muted: '#9aa4b1',
    pool: { fill: '#1d2229', border: '#3b4552' },
    node: { fill: '#262c35', border: '#6f7d90' },
    notReady: { fill: '#3a1f22', border: '#ff6b6b' },
    cordoned: { fill: '#24262a', border: '#8d8d8d' },
    area: { fill: '#2e2817', border: '#d6a21e' },
    status: { running: '#3fb95f', creating: '#4b8cf0', pending: '#e5b32a', failing: '#f0524f', terminating: '#7f8792', completed: '#7d8a9b', unknown: '#a57ae6' },
    unready: '#2f5d3c',
    items: { owner: '#22324a', controller: '#1f2a3a', service: '#173a36', claim: '#2c2340', volume: '#261d38', border: '#7c8ba0', warn: '#ff6b6b' },
    edges: { owns: '#6f7d90', selects: '#2cc2ac', binds: '#a37fdc', mounts: '#b89ae8' },
    selected: '#4d9bff',
  },
};
