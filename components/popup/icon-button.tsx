import './icons.css';

/** The icons icons.css draws, by name. */
export type IconName = 'user' | 'key' | 'clock' | 'dice' | 'cog' | 'external' | 'lock' | 'fill';

/** A button shown as an icon; `label` is its accessible name and its tooltip. */
export interface IconButtonProps {
  label: string;
  icon: IconName;
  onClick(): void;
  tabIndex?: number;
  expanded?: boolean;
  controls?: string;
}

/** An icon-only button with a name for screen readers and a tooltip for everyone else. */
export function IconButton({ label, icon, onClick, tabIndex, expanded, controls }: IconButtonProps) {
  return <button type="button" class={`icon-button icon-${icon}`} aria-label={label} title={label} onClick={onClick} tabIndex={tabIndex} aria-expanded={expanded} aria-controls={controls} />;
}
