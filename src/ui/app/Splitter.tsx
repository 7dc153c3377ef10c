/**
 * A draggable, keyboard-operable divider between two panes (role="separator"): drag with the
 * pointer, or focus it and use the arrow keys. It reports a fraction of its container.
 */
import type { KeyboardEvent, PointerEvent } from 'react';

export interface SplitterProps {
  orientation: 'vertical' | 'horizontal';
  /** Fraction (0..1) of the container before the splitter. */
  value: number;
  onChange(value: number): void;
  label: string;
  /** Measure against this element's box (defaults to the splitter's parent). */
  min?: number;
  max?: number;
}

export function clampFraction(v: number, min = 0.15, max = 0.85): number {
  return Math.round(Math.min(max, Math.max(min, v)) * 1000) / 1000;
}

export function Splitter({ orientation, value, onChange, label, min = 0.15, max = 0.85 }: SplitterProps) {
  const vertical = orientation === 'vertical';
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const box = el.parentElement!.getBoundingClientRect();
    el.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => {
      const f = vertical ? (ev.clientX - box.left) / box.width : (ev.clientY - box.top) / box.height;
      onChange(clampFraction(f, min, max));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const less = vertical ? 'ArrowLeft' : 'ArrowUp';
    const more = vertical ? 'ArrowRight' : 'ArrowDown';
    if (e.key === less) onChange(clampFraction(value - step, min, max));
    else if (e.key === more) onChange(clampFraction(value + step, min, max));
    else return;
    e.preventDefault();
  };
  return (
    <div
      className={`splitter ${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuemin={Math.round(min * 100)}
      aria-valuemax={Math.round(max * 100)}
      aria-valuenow={Math.round(value * 100)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
