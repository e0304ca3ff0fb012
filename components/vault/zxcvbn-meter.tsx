import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n/translate';
import { LevelMeter } from '../form/strength-meter';
import { lazyZxcvbnScore } from './lazy-zxcvbn';

/** The zxcvbn strength of a password being typed in the vault page, with the words around it (name, login, site) as guessable. */
export function ZxcvbnMeter({ password, related, t, id }: { password: string; related: readonly string[]; t: Translate; id?: string }) {
  const [score, setScore] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    void lazyZxcvbnScore(password, related).then((level) => current && setScore(level));
    return () => {
      current = false;
    };
  }, [password, related.join('\n')]);
  if (score === null) return null;
  return <LevelMeter level={score} t={t} id={id} />;
}
