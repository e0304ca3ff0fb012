import { useId } from 'preact/hooks';
import type { MessageKey, Translate } from '../../lib/i18n/translate';
import { strengthLevel } from './password-strength';

const LABELS: readonly MessageKey[] = [
  'credentials.strength.veryWeak',
  'credentials.strength.weak',
  'credentials.strength.fair',
  'credentials.strength.strong',
  'credentials.strength.veryStrong',
];

/** A labelled meter for `bits` of entropy; the level's word is shown next to it, not only its colour. */
export function StrengthMeter({ bits, t, id }: { bits: number; t: Translate; id?: string }) {
  return <LevelMeter level={strengthLevel(bits)} t={t} id={id} />;
}

/** A labelled meter for a strength level from 0 (very weak) to 4 (very strong), such as zxcvbn's score. */
export function LevelMeter({ level, t, id }: { level: number; t: Translate; id?: string | undefined }) {
  const labelId = useId();
  const word = t(LABELS[level]!);
  return (
    <div class="strength" id={id} data-level={level}>
      <span id={labelId}>{t('credentials.strength.label')}</span>
      <meter min={0} max={4} low={1.5} high={2.5} optimum={4} value={level} aria-labelledby={labelId} aria-valuetext={word} />
      <span class="strength-word">{word}</span>
    </div>
  );
}
