import { render } from 'preact';
import { PopupApp } from '../../components/popup/popup-app';
import { createPopupModel } from '../../components/popup/popup-model';
import { browserPopupEnvironment } from './browser-environment';

const popup = createPopupModel(browserPopupEnvironment());
render(<PopupApp popup={popup} />, document.getElementById('app')!);
void popup.refresh();
