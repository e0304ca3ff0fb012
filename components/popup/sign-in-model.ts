import { signal } from '@preact/signals';
import { createActionState } from './action-state';
import type { PopupModel } from './popup-model';

/**
 * Sign-in in two steps: login and password, then — when the server answers `mfaRequired` — the
 * authenticator code, sent again with the same login and password.
 */
export function createSignInModel(popup: PopupModel) {
  const step = signal<'credentials' | 'code'>('credentials');
  const action = createActionState();
  let credentials = { login: '', password: '' };

  async function submitCredentials(login: string, password: string): Promise<void> {
    credentials = { login, password };
    await action.run(() => popup.act({ type: 'session.login', login, password }));
    if (action.error.value?.code === 'mfaRequired') {
      action.clearError();
      step.value = 'code';
    }
  }

  async function submitCode(totp: string): Promise<void> {
    await action.run(() => popup.act({ type: 'session.login', ...credentials, totp }));
  }

  function backToCredentials(): void {
    action.clearError();
    step.value = 'credentials';
  }

  return { step, action, submitCredentials, submitCode, backToCredentials };
}

/** The sign-in form's model; see createSignInModel. */
export type SignInModel = ReturnType<typeof createSignInModel>;
