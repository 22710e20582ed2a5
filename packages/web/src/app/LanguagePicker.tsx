// The language switch: each language named in itself.

import { t } from 'ttag';
import { LANGUAGES, type Language } from '../i18n/i18n.ts';

const NAMES: Record<Language, string> = { en: 'English', ru: 'Русский' };

export function LanguagePicker({
  language,
  onLanguage,
}: {
  language: Language;
  onLanguage: (l: Language) => void;
}) {
  return (
    <label className="language">
      <span className="sr-only">{t`Language`}</span>
      <select
        name="language"
        value={language}
        onChange={(e) => {
          const next = LANGUAGES.find((l) => l === e.target.value);
          if (next) onLanguage(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
