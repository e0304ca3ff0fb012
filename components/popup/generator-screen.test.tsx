// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PasswordRules } from '../../lib/contract/app-settings';
import { fakeBackground, statusReply } from './testing/fake-background';
import { renderPopup } from './testing/render-popup';
import { dictionaryFetch } from '../../lib/vault/testing/zxcvbn-files';

// The word list is a file of the extension (lib/vault/wordlist-file.ts): served here as the build writes it.
beforeAll(() => vi.stubGlobal('fetch', dictionaryFetch));

afterEach(cleanup);

const LAX: PasswordRules = { minLength: 8, requireUppercase: false, requireDigits: false, requireSpecial: false };

async function openGenerator(loginPassword: PasswordRules = LAX) {
  const status = statusReply({ policy: { loginPassword, masterPassword: LAX } });
  const rendered = await renderPopup(
    fakeBackground({ status: () => status, 'entries.search': () => ({ rows: [], total: 0 }), 'sync.now': () => status }),
  );
  fireEvent.click(screen.getByRole('button', { name: 'Generate a password' }));
  await screen.findByRole('heading', { name: 'Password generator' });
  return rendered;
}

const generated = () => screen.getByTestId('generated').textContent ?? '';
const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('generator screen', () => {
  it('makes a 32-character password from all four classes by default', async () => {
    await openGenerator();
    expect([...generated()]).toHaveLength(32);
    expect(generated()).toMatch(/[a-z]/);
    expect(generated()).toMatch(/[A-Z]/);
    expect(generated()).toMatch(/[0-9]/);
    expect(generated()).toMatch(/[^a-zA-Z0-9]/);
    expect(screen.getByText(/bits of entropy/)).toBeTruthy();
  });

  it('follows the chosen length and classes, and regenerates', async () => {
    await openGenerator();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Length' }), { target: { value: '20' } });
    fireEvent.click(checkbox('Symbols (!@#$…)'));
    fireEvent.click(checkbox('Digits (0–9)'));
    expect(generated()).toMatch(/^[a-zA-Z]{20}$/);
    const first = generated();
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(generated()).toMatch(/^[a-zA-Z]{20}$/);
    expect(generated()).not.toBe(first);
  });

  it('keeps the length within bounds and the last class switched on', async () => {
    await openGenerator();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Length' }), { target: { value: '500' } });
    expect([...generated()]).toHaveLength(128);
    fireEvent.click(checkbox('Symbols (!@#$…)'));
    fireEvent.click(checkbox('Digits (0–9)'));
    fireEvent.click(checkbox('Upper case (A–Z)'));
    expect(checkbox('Lower case (a–z)').disabled).toBe(true);
    expect(generated()).toMatch(/^[a-z]{128}$/);
  });

  it('follows the organisation’s policy: required classes stay on, the minimum length holds', async () => {
    await openGenerator({ minLength: 40, requireUppercase: false, requireDigits: true, requireSpecial: false });
    expect(checkbox('Digits (0–9)').checked).toBe(true);
    expect(checkbox('Digits (0–9)').disabled).toBe(true);
    expect([...generated()]).toHaveLength(40);
    expect(screen.getByText(/Follows your organisation’s policy/)).toBeTruthy();
  });

  it('makes passphrases once the word list has loaded', async () => {
    await openGenerator({ minLength: 8, requireUppercase: true, requireDigits: false, requireSpecial: false });
    fireEvent.click(screen.getByRole('radio', { name: 'Passphrase' }));
    await waitFor(() => expect(generated().split('-')).toHaveLength(5));
    // The policy wants a capital letter, so every word starts with one.
    expect(generated().split('-').every((word) => /^[A-Z][a-z]+$/.test(word))).toBe(true);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Words' }), { target: { value: '7' } });
    fireEvent.input(screen.getByLabelText('Separator'), { target: { value: '.' } });
    expect(generated().split('.')).toHaveLength(7);
  });

  it('copies the password and says only this popup will clear it', async () => {
    const { clipboard } = await openGenerator();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(clipboard.text).toBe(generated()));
    expect(screen.getByText('Copied — cleared in 30 s if this popup stays open')).toBeTruthy();
  });

  it('goes back to the list', async () => {
    await openGenerator();
    fireEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(await screen.findByRole('searchbox')).toBeTruthy();
  });
});
