import { computed, signal } from '@preact/signals';
import type { PasswordRules } from '../../lib/contract/app-settings';
import { DEFAULT_PASSWORD_OPTIONS, GeneratorOptionsError, generatePassword, passwordEntropyBits, type CharacterClass, type PasswordOptions } from '../../lib/vault/generator';
import type { PassphraseOptions } from '../../lib/vault/passphrase';
import { generatorOptionsForPolicy } from '../../lib/vault/password-policy';
import { loadPassphraseGenerator, type PassphraseGenerator } from './passphrase-loader';
import { passphraseOptionsForPolicy } from './passphrase-policy';

/** Random characters, or random words. */
export type GeneratorMode = 'password' | 'passphrase';

/**
 * The generator: the user's choices, the same choices raised to the organisation's policy (the
 * ones used), and the latest result with its entropy. `rules` are the rules entries' passwords
 * must follow; the popup passes the login-password rules until the policy has entry rules of its own.
 */
export function createGeneratorModel(rules: PasswordRules | null, loadPassphrase: () => Promise<PassphraseGenerator> = loadPassphraseGenerator) {
  const mode = signal<GeneratorMode>('password');
  const passwordChoice = signal<PasswordOptions>({ ...DEFAULT_PASSWORD_OPTIONS, classes: { ...DEFAULT_PASSWORD_OPTIONS.classes } });
  const passphraseChoice = signal<PassphraseOptions | null>(null);
  const passphrase = signal<PassphraseGenerator | null>(null);
  const value = signal('');
  const entropyBits = signal(0);
  const failed = signal(false);

  const passwordOptions = computed(() => (rules ? generatorOptionsForPolicy(rules, passwordChoice.value) : passwordChoice.value));
  const passphraseOptions = computed(() => {
    const choice = passphraseChoice.value;
    const generator = passphrase.value;
    if (!choice || !generator || !rules) return choice;
    return passphraseOptionsForPolicy(rules, choice, generator.shortestWord, generator.limits.max);
  });

  function generateOnce(): void {
    if (mode.value === 'password') {
      value.value = generatePassword(passwordOptions.value);
      entropyBits.value = passwordEntropyBits(passwordOptions.value);
      return;
    }
    const generator = passphrase.value;
    const options = passphraseOptions.value;
    if (!generator || !options) return;
    value.value = generator.generate(options);
    entropyBits.value = generator.entropyBits(options);
  }

  /** A new value for the current options; impossible options set `failed` instead. */
  function regenerate(): void {
    try {
      generateOnce();
      failed.value = false;
    } catch (error) {
      if (!(error instanceof GeneratorOptionsError)) throw error;
      failed.value = true;
    }
  }

  async function setMode(next: GeneratorMode): Promise<void> {
    mode.value = next;
    if (next === 'passphrase' && !passphrase.value) {
      try {
        const generator = await loadPassphrase();
        passphraseChoice.value ??= { ...generator.defaults };
        passphrase.value = generator;
      } catch {
        failed.value = true;
        return;
      }
    }
    regenerate();
  }

  function setPasswordOptions(change: Partial<PasswordOptions>): void {
    passwordChoice.value = { ...passwordChoice.value, ...change };
    regenerate();
  }

  function setCharacterClass(name: CharacterClass, on: boolean): void {
    setPasswordOptions({ classes: { ...passwordChoice.value.classes, [name]: on } });
  }

  function setPassphraseOptions(change: Partial<PassphraseOptions>): void {
    if (!passphraseChoice.value) return;
    passphraseChoice.value = { ...passphraseChoice.value, ...change };
    regenerate();
  }

  regenerate();
  return { rules, mode, passwordOptions, passphraseOptions, passphrase, value, entropyBits, failed, regenerate, setMode, setPasswordOptions, setCharacterClass, setPassphraseOptions };
}

/** The generator's model; see createGeneratorModel. */
export type GeneratorModel = ReturnType<typeof createGeneratorModel>;
