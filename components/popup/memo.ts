import { Component, createElement, type ComponentChild, type ComponentType, type FunctionComponent } from 'preact';

function propsDiffer(a: object, b: object): boolean {
  const before = a as Record<string, unknown>;
  const after = b as Record<string, unknown>;
  for (const key in before) if (!(key in after)) return true;
  for (const key in after) if (before[key] !== after[key]) return true;
  return false;
}

/**
 * `component`, re-rendered by its parent only when one of its props changed (compared with ===).
 * Preact's own `memo` is in preact/compat, whose import hooks every vnode for React compatibility;
 * this is the same wrapper. Signals that `component` reads still re-render it by themselves.
 */
export function memo<P extends object>(component: FunctionComponent<P>): ComponentType<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      return propsDiffer(this.props, next);
    }
    override render(props: P): ComponentChild {
      return createElement(component, props);
    }
  }
  return Memo;
}
