import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../lib/i18n/translate';
import { LINK_PAGE_KEYS } from './link-page-keys';
import { linkPageHtml } from './link-page.routes';

const stringsOf = (html: string) => JSON.parse(/<script type="application\/json" id="link-strings">(.*?)<\/script>/s.exec(html)![1]!) as { language: string; strings: Record<string, string> };

describe('the link page', () => {
  it.each([
    ['de-CH, de;q=0.9, en;q=0.5', 'de'],
    ['zh-Hans-CN', 'zh'],
    ['pt-BR, fr;q=0.4', 'fr'],
    [undefined, 'en'],
  ])('for Accept-Language %j is in %s, with just its own strings', (header, language) => {
    const html = linkPageHtml(header);
    expect(html).toContain(`<html lang="${language}">`);
    const sent = stringsOf(html);
    expect(sent.language).toBe(language);
    expect(Object.keys(sent.strings)).toEqual([...LINK_PAGE_KEYS]);
    expect(sent.strings['linkPage.reveal']).toBe(CATALOGS[language as 'en']['linkPage.reveal']);
  });

  it('loads only its own script and stylesheet, with no inline script to run', () => {
    const html = linkPageHtml('en');
    expect([...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1])).toEqual([' type="application/json" id="link-strings"', ' type="module" src="/assets/link-page.js"']);
    expect(html).not.toMatch(/\son\w+=/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
