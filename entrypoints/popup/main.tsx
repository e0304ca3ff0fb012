import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
import { VAULT_PAGE } from '../../components/popup/popup-toolbar';
import { createPopupModel } from '../../components/popup/popup-model';
import { browserPopupEnvironment } from './browser-environment';

const environment = browserPopupEnvironment();
const popup = createPopupModel(environment);
// The requests leave before the first render, so their round trips overlap it; the toolbar's
// lookup of the vault page too, so its fetch runs while the popup waits rather than after its first paint.
void popup.start();
void environment.extensionPageExists(VAULT_PAGE);
render(<PopupApp popup={popup} />, document.getElementById('app')!);
