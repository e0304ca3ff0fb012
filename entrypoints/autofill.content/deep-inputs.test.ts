// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { deepInputs } from './deep-inputs';

// Inputs in shadow roots, closed ones included, in the order the page shows them.

afterEach(() => {
  document.body.replaceChildren();
});

function input(name: string): HTMLInputElement {
  return Object.assign(document.createElement('input'), { name });
}

describe('deepInputs', () => {
  it('finds inputs in open and closed shadow roots where their hosts stand', () => {
    const closedRoots = new Map<Element, ShadowRoot>();
    const outer = document.createElement('div');
    const openRoot = outer.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    const closed = inner.attachShadow({ mode: 'closed' });
    closedRoots.set(inner, closed);
    closed.append(input('password'));
    openRoot.append(input('login'), inner);
    document.body.append(input('search'), outer, input('after'));
    const shadowOf = (element: Element) => closedRoots.get(element) ?? element.shadowRoot;
    expect(deepInputs(document, shadowOf).map((found) => found.name)).toEqual(['search', 'login', 'password', 'after']);
    // Without a way to open closed roots, a page's closed form stays out of reach.
    expect(deepInputs(document, (element) => element.shadowRoot).map((found) => found.name)).toEqual(['search', 'login', 'after']);
  });
});
