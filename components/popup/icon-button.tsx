import type { ComponentChildren } from 'preact';

/** A button shown as an icon; `label` is its accessible name and its tooltip. */
export interface IconButtonProps {
  label: string;
  onClick(): void;
  children: ComponentChildren;
  tabIndex?: number;
  expanded?: boolean;
  controls?: string;
}

/** An icon-only button with a name for screen readers and a tooltip for everyone else. */
export function IconButton({ label, onClick, children, tabIndex, expanded, controls }: IconButtonProps) {
  return (
    <button type="button" class="icon-button" aria-label={label} title={label} onClick={onClick} tabIndex={tabIndex} aria-expanded={expanded} aria-controls={controls}>
      {children}
    </button>
  );
}
