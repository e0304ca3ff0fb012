// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyModule, LazyScreen } from './lazy-screens';
import { createPopupModel } from './popup-model';
import { fakeBackground } from './testing/fake-background';
import { fakeClipboard } from './testing/render-popup';

afterEach(cleanup);

function popupModel() {
  const environment = {
    runtime: fakeBackground({}).runtime,
    browserLanguages: ['en'],
    clipboard: fakeClipboard(),
    activeTab: async () => undefined,
    watchTabOrigin: () => () => undefined,
    openExtensionPage: () => undefined,
    closePopup: () => undefined,
    extensionPageExists: async () => false,
  };
  return createPopupModel(environment);
}

/** A module whose import the test finishes by hand. */
function controlledModule() {
  let finish!: (outcome: { Screen: () => preact.JSX.Element } | Error) => void;
  let imports = 0;
  const module = lazyModule(() => {
    imports++;
    return new Promise<{ Screen: () => preact.JSX.Element }>((resolve, reject) => {
      finish = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
  });
  return { module, finish: (outcome: Parameters<typeof finish>[0]) => finish(outcome), imports: () => imports };
}

describe('lazy screens', () => {
  it('shows a busy screen until the code arrives, then the screen; the code loads once', async () => {
    const { module, finish, imports } = controlledModule();
    const popup = popupModel();
    render(<LazyScreen popup={popup} module={module}>{({ Screen }) => <Screen />}</LazyScreen>);
    expect(document.querySelector('main[aria-busy="true"]')).toBeTruthy();
    finish({ Screen: () => <h1>Loaded</h1> });
    expect(await screen.findByRole('heading', { name: 'Loaded' })).toBeTruthy();
    cleanup();
    render(<LazyScreen popup={popup} module={module}>{({ Screen }) => <Screen />}</LazyScreen>);
    expect(screen.getByRole('heading', { name: 'Loaded' })).toBeTruthy();
    expect(imports()).toBe(1);
  });

  it('says so when the code cannot load, and loads again next time', async () => {
    const { module, finish, imports } = controlledModule();
    render(<LazyScreen popup={popupModel()} module={module}>{({ Screen }) => <Screen />}</LazyScreen>);
    finish(new Error('chunk missing'));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong. Try again.');
    void module.load().catch(() => undefined);
    expect(imports()).toBe(2);
  });
});
