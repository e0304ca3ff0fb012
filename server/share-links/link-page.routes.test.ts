import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../lib/i18n/languages';
import { LINK_PAGE_CATALOGS } from './page-catalogs';
import { linkPageHtml } from './link-page.routes';

const stringsOf = (html: string) => JSON.parse(/<script type="application\/json" id="link-strings">(.*?)<\/script>/s.exec(html)![1]!) as { language: string; strings: Record<string, string> };
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the link page', () => {
  it.each([
    ['de-CH, de;q=0.9, en;q=0.5', 'de'],
    ['zh-Hans-CN', 'zh'],
    ['pt-BR, fr;q=0.4', 'fr'],
    [undefined, 'en'],
  ] as const)('for Accept-Language %j is in %s, its strings sent with it', (header, language) => {
    const html = linkPageHtml(header);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<title>${LINK_PAGE_CATALOGS[language].title}</title>`);
    expect(stringsOf(html)).toEqual({ language, strings: LINK_PAGE_CATALOGS[language] });
  });

  it('loads only its own script and stylesheet, with no inline script to run', () => {
    const html = linkPageHtml('en');
    expect([...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1])).toEqual([' type="application/json" id="link-strings"', ' type="module" src="/assets/link-page.js"']);
    expect(html).not.toMatch(/\son\w+=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('is translated into %s with the same placeholders as English', (language) => {
    for (const [key, english] of Object.entries(LINK_PAGE_CATALOGS.en)) {
      const translated = LINK_PAGE_CATALOGS[language][key as keyof typeof LINK_PAGE_CATALOGS.en];
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(english));
    }
  });
});
