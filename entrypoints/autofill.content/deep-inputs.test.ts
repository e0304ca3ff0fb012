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
    const inner = document.createElement('acme-login');
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

  it('asks for closed roots on custom elements only, where components keep them', () => {
    const asked: string[] = [];
    const host = document.createElement('div');
    host.attachShadow({ mode: 'closed' }).append(input('hidden-by-a-div'));
    document.body.append(host, document.createElement('acme-widget'), input('plain'));
    deepInputs(document, (element) => {
      asked.push(element.localName);
      return null;
    });
    expect(asked).toEqual(['acme-widget']);
  });
});
