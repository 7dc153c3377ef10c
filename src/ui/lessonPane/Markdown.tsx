/**
 * Sanitised lesson Markdown (markdown.ts) with its code-block controls: one click handler for the
 * whole block finds which control was pressed and the code it belongs to.
 */
import { useMemo, type MouseEvent } from 'react';
import { renderLessonInline, renderLessonMarkdown } from './markdown';

export interface MarkdownProps {
  markdown: string;
  assets: Record<string, string>;
  onRun(command: string): void;
  onOpenFile(name: string, text: string): void;
  className?: string;
}

export function Markdown({ markdown, assets, onRun, onOpenFile, className }: MarkdownProps) {
  const html = useMemo(() => renderLessonMarkdown(markdown, { assets }), [markdown, assets]);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const button = (e.target as Element).closest?.('button[data-action]') as HTMLButtonElement | null;
    const pre = button?.closest('pre');
    const code = pre?.querySelector('code')?.textContent;
    if (!button || !pre || code == null) return;
    if (button.dataset.action === 'run') onRun(code);
    else if (button.dataset.action === 'open' && pre.dataset.file) onOpenFile(pre.dataset.file, code);
  };
  return <div className={`markdown ${className ?? ''}`} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A line of lesson text with inline Markdown (`code`, **bold**), sanitised the same way. */
export function Inline({ text }: { text: string }) {
  const html = useMemo(() => renderLessonInline(text), [text]);
  return <span className="markdown inline" dangerouslySetInnerHTML={{ __html: html }} />;
}
