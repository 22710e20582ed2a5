// The user's language: English (the source strings) or Russian (ru.po).
// The choice is kept in the browser; the first time, the browser's own
// preference decides. Strings are written with ttag's t`…` everywhere.

import { addLocale, useLocale } from 'ttag';
import ru from './ru.po';

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY = 'callboard.language';

addLocale('ru', ru);

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** The saved choice, else the first of the browser's languages we speak. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages) {
    const base = tag.split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Switch ttag and the page to the language; the caller re-renders. */
export function applyLanguage(language: Language): void {
  useLocale(language);
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}
