import { render } from 'preact';
import { createPopupModel } from '../../components/popup/popup-model';
import { VaultApp } from '../../components/vault/vault-app';
import { browserPopupEnvironment } from '../popup/browser-environment';

// The full-tab vault page: the popup's model and environment (the same worker session and typed
// messages), with no site of its own, so no entries rank first.
const page = createPopupModel(browserPopupEnvironment());
void page.refresh();
render(<VaultApp page={page} />, document.getElementById('app')!);
