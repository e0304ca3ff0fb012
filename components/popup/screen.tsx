import type { ComponentChildren } from 'preact';

/** A popup screen's heading and content; views reached from the entry list pass `back` to return. */
export interface ScreenProps {
  name: string;
  title: string;
  intro?: string;
  back?: { label: string; onBack(): void };
  children: ComponentChildren;
}

/** A full popup screen: an optional back button, its heading, an optional introduction, then its content. */
export function Screen({ name, title, intro, back, children }: ScreenProps) {
  return (
    <main class="screen" data-screen={name}>
      <div class="screen-heading">
        {back && (
          <button type="button" class="back" onClick={back.onBack}>
            <span aria-hidden="true">←</span> {back.label}
          </button>
        )}
        <h1>{title}</h1>
      </div>
      {intro && <p class="intro">{intro}</p>}
      {children}
    </main>
  );
}
