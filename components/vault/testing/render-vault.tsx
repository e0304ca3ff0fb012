import { act, render } from '@testing-library/preact';
import type { PopupEnvironment } from '../../popup/popup-environment';
import { createPopupModel } from '../../popup/popup-model';
import type { fakeBackground } from '../../popup/testing/fake-background';
import { fakeClipboard } from '../../popup/testing/render-popup';
import { VaultApp } from '../vault-app';

/** Renders the whole vault page against a fake worker, as the extension would open it. */
export async function renderVault(background: ReturnType<typeof fakeBackground>) {
  const clipboard = fakeClipboard();
  const environment: PopupEnvironment = {
    runtime: background.runtime,
    browserLanguages: ['en-GB'],
    clipboard,
    activeTab: async () => undefined,
    watchTabOrigin: () => () => undefined,
    openExtensionPage: () => undefined,
    closePopup: () => undefined,
    extensionPageExists: async () => true,
  };
  const page = createPopupModel(environment);
  const view = render(<VaultApp page={page} />);
  await act(() => page.refresh());
  return { ...view, page, clipboard };
}
