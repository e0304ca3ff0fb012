import { render } from 'preact';
import { browser } from '#imports';
import { PopupStatus } from '../../components/popup-status';
import { createStatusModel } from './status-model';

const model = createStatusModel(browser.runtime);
render(<PopupStatus model={model} />, document.getElementById('app')!);
void model.load();
