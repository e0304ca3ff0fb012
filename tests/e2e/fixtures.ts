import { test as base } from 'vitest';
import { chromiumPath, launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { firefoxPath, launchFirefox, type FirefoxHarness } from '../helpers/firefox';
import { startStaticSite, type StaticSite } from '../helpers/static-site';

/** True when a Chromium is installed; suites skip without one, and `.ci/run` fails on any skip. */
export const hasChromium = chromiumPath() !== undefined;
/** True when a Firefox is installed. */
export const hasFirefox = firefoxPath() !== undefined;

/** `test` with one Chromium (extension loaded) and one fixture-page server per test file. */
export const chromiumTest = base.extend<{ chromium: ChromiumHarness; site: StaticSite }>({
  chromium: [
    async ({}, use) => {
      const harness = await launchChromium();
      await use(harness);
      await harness.close();
    },
    { scope: 'file' },
  ],
  site: [
    async ({}, use) => {
      const site = await startStaticSite();
      await use(site);
      await site.close();
    },
    { scope: 'file' },
  ],
});

/** `test` with one Firefox (extension installed) and one fixture-page server per test file. */
export const firefoxTest = base.extend<{ firefox: FirefoxHarness; site: StaticSite }>({
  firefox: [
    async ({}, use) => {
      const harness = await launchFirefox();
      await use(harness);
      await harness.close();
    },
    { scope: 'file' },
  ],
  site: [
    async ({}, use) => {
      const site = await startStaticSite();
      await use(site);
      await site.close();
    },
    { scope: 'file' },
  ],
});
