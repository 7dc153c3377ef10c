/**
 * Lesson Markdown → safe HTML. `marked` renders, DOMPurify (a well-kept sanitiser) removes
 * scripts, event handlers and `javascript:` URLs; then links are made to open in a new tab,
 * images are kept only when they come from the lesson folder (rewritten to its `data:` URLs),
 * and the page's own controls are added to code blocks — after sanitising, so a lesson's own
 * HTML can never make a control.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/** Code blocks that get a Run button (they go into the terminal). */
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

const marked = new Marked({
  gfm: true,
  renderer: {
    // The info string survives as data attributes: `yaml file=web.yaml` → data-lang, data-file.
    code({ text, lang }: Tokens.Code): string {
      const info = (lang ?? '').trim();
      const language = info.split(/\s+/)[0] ?? '';
      const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
      const attrs = `data-lang="${escapeHtml(language)}"${file ? ` data-file="${escapeHtml(file)}"` : ''}`;
      return `<pre ${attrs}><code class="language-${escapeHtml(language || 'text')}">${escapeHtml(text)}</code></pre>\n`;
    },
  },
});

export interface RenderOptions {
  /** Lesson folder files that are images: path → `data:` URL. */
  assets: Record<string, string>;
}

export function renderLessonMarkdown(markdown: string, opts: RenderOptions): string {
  return safeHtml(marked.parse(markdown, { async: false }), opts);
}

/** One line of Markdown (a check's title, a quiz question): `code`, emphasis, links; no blocks. */
export function renderLessonInline(markdown: string): string {
  return safeHtml(marked.parseInline(markdown, { async: false }), { assets: {} });
}

function safeHtml(html: string, opts: RenderOptions): string {
  const fragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
  for (const a of fragment.querySelectorAll('a')) fixLink(a);
  for (const img of fragment.querySelectorAll('img')) fixImage(img, opts.assets);
  for (const pre of fragment.querySelectorAll('pre')) addControls(pre);
  const box = document.createElement('div');
  box.appendChild(fragment);
  return box.innerHTML;
}

function fixLink(a: HTMLAnchorElement): void {
  const href = a.getAttribute('href') ?? '';
  if (href.startsWith('#')) return;
  if (!/^(https?:|mailto:)/i.test(href)) {
    a.removeAttribute('href');
    return;
  }
  a.setAttribute('target', '_blank');
  a.setAttribute('rel', 'noopener noreferrer');
}

function fixImage(img: HTMLImageElement, assets: Record<string, string>): void {
  const src = (img.getAttribute('src') ?? '').replace(/^\.\//, '');
  const url = /^[a-z][a-z0-9+.-]*:|^\/|\.\./i.test(src) ? undefined : assets[decodeURI(src)];
  if (url && url.startsWith('data:image/')) img.setAttribute('src', url);
  else img.remove();
}

function addControls(pre: HTMLElement): void {
  const lang = pre.dataset.lang;
  const file = pre.dataset.file;
  const code = pre.querySelector('code');
  if (lang === undefined || !code) return;
  const bar = document.createElement('div');
  bar.className = 'code-actions';
  if (file) bar.appendChild(control('open', `Open ${file} in editor`, `Open ${file} in the editor`));
  else if (SHELL_LANGS.has(lang)) bar.appendChild(control('run', '▶ Run', 'Type this into the terminal and run it'));
  if (bar.childElementCount > 0) pre.prepend(bar);
}

function control(action: string, label: string, title: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.action = action;
  b.title = title;
  b.textContent = label;
  return b;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
