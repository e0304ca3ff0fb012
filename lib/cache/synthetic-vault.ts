import type { ItemInput } from '../vault/item';
import type { IndexEntry } from './index-entry';
import { VaultIndex } from './vault-index';

// Realistic vaults of any size for tests and benchmarks (bench/ measures search and unlock with
// them): real service names and login hosts, people's logins in several scripts, a few URLs and
// tags per entry, favourites, TOTP — spread over many vaults. Deterministic for a given seed, so a
// benchmark measures the same vault every run.

const SERVICES: readonly [string, string][] = [
  ['GitHub', 'github.com'], ['Google Workspace', 'accounts.google.com'], ['Amazon Web Services', 'signin.aws.amazon.com'],
  ['Atlassian Jira', 'id.atlassian.com'], ['Slack', 'acme.slack.com'], ['Microsoft 365', 'login.microsoftonline.com'],
  ['Dropbox', 'www.dropbox.com'], ['Stripe', 'dashboard.stripe.com'], ['Cloudflare', 'dash.cloudflare.com'],
  ['DigitalOcean', 'cloud.digitalocean.com'], ['GitLab', 'gitlab.com'], ['Bitbucket', 'bitbucket.org'],
  ['Notion', 'www.notion.so'], ['Figma', 'www.figma.com'], ['Zoom', 'zoom.us'], ['Salesforce', 'login.salesforce.com'],
  ['HubSpot', 'app.hubspot.com'], ['Twilio', 'console.twilio.com'], ['Datadog', 'app.datadoghq.eu'],
  ['PagerDuty', 'acme.pagerduty.com'], ['Sentry', 'sentry.io'], ['npm', 'www.npmjs.com'], ['Docker Hub', 'hub.docker.com'],
  ['Okta', 'acme.okta.com'], ['BBVA', 'www.bbva.es'], ['Deutsche Bank', 'meine.deutsche-bank.de'],
  ['Crédit Agricole', 'www.credit-agricole.fr'], ['Zürich Versicherung', 'www.zurich.ch'], ['淘宝', 'login.taobao.com'],
  ['Yandex', 'passport.yandex.ru'], ['BBC iPlayer', 'account.bbc.co.uk'], ['Router admin', '192.168.1.1'],
  ['Build server', 'ci.acme.internal'], ['Grafana', 'grafana.acme.test'], ['Kubernetes dashboard', 'k8s.acme.test'],
  ['PostgreSQL production', 'db.acme.test'], ['LinkedIn', 'www.linkedin.com'], ['Mailchimp', 'login.mailchimp.com'],
];
const QUALIFIERS = ['', '', '', 'work', 'personal', 'staging', 'production', 'admin', 'billing', 'support', 'EU', 'US', 'test', 'legacy'];
const FIRST_NAMES = ['alice', 'bob', 'carol', 'dmitri', 'elena', 'françois', 'guo', 'hiro', 'ingrid', 'jamal', 'kofi', 'lucía', 'mei', 'nadia', 'oskar', 'priya'];
const LAST_NAMES = ['smith', 'garcía', 'müller', 'dubois', 'wang', 'tanaka', 'ivanova', 'okafor', 'rossi', 'kowalski', 'nguyen', 'silva'];
const MAIL_HOSTS = ['acme.test', 'example.com', 'mail.example.org'];
const TAGS = ['work', 'personal', 'finance', 'infra', 'shared', 'legacy', 'sso', '2fa', 'vendor', 'dev', 'ops', 'família'];
const PATHS = ['/login', '/signin', '/', '/account/login', '/auth?next=%2Fhome'];
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A small fast seeded PRNG (mulberry32): the same seed, the same vault. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idOf(prefix: string, random: () => number): string {
  const digits = Array.from({ length: 20 }, () => '0123456789abcdefghijklmnopqrstuv'[Math.floor(random() * 32)]);
  return `${prefix}-${digits.join('')}`;
}

function loginOf(random: () => number, pick: <T>(list: readonly T[]) => T): string {
  const first = pick(FIRST_NAMES);
  if (random() < 0.2) return `${first}${Math.floor(random() * 100)}`;
  return `${first}.${pick(LAST_NAMES)}@${pick(MAIL_HOSTS)}`;
}

function urlsOf(random: () => number, host: string): IndexEntry['urls'] {
  const roll = random();
  if (roll < 0.05) return [];
  const main = { url: `https://${host}${PATHS[Math.floor(random() * PATHS.length)]}`, match: roll < 0.9 ? 'domain' : 'host' } as const;
  if (roll < 0.88) return [main];
  return [main, { url: `https://${host}/admin/`, match: 'starts-with' }];
}

/** One synthetic entry (the `index`-th), filed in one of `vaultIds`. */
function syntheticEntry(random: () => number, index: number, vaultIds: readonly string[]): IndexEntry {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const [service, host] = pick(SERVICES);
  const qualifier = pick(QUALIFIERS);
  const vaultId = pick(vaultIds);
  const tagCount = random() < 0.5 ? 0 : random() < 0.7 ? 1 : 2;
  return {
    id: idOf('item', random),
    vaultId,
    folderId: random() < 0.4 ? `${vaultId}-folder-${Math.floor(random() * 8)}` : null,
    revision: 1 + Math.floor(random() * 4),
    name: `${service}${qualifier ? ` ${qualifier}` : ''}${random() < 0.3 ? ` ${index}` : ''}`,
    login: loginOf(random, pick),
    urls: urlsOf(random, host),
    tags: [...new Set(Array.from({ length: tagCount }, () => pick(TAGS)))],
    favourite: random() < 0.05,
    colour: random() < 0.1 ? pick(['red', 'blue', 'green', '#3366ff']) : null,
    hasPassword: random() < 0.97,
    hasTotp: random() < 0.25,
    updatedAt: 1_750_000_000_000 + Math.floor(random() * 100_000_000_000),
    deletedAt: random() < 0.01 ? 1_850_000_000_000 : null,
  };
}

/** `count` realistic entries spread over `vaults` vaults (ids `vault-0001`…), the same for the same seed. */
export function buildSyntheticEntries(count: number, options: { vaults?: number; seed?: number } = {}): IndexEntry[] {
  const random = randomSource(options.seed ?? 1);
  const vaultIds = Array.from({ length: options.vaults ?? 50 }, (_, index) => `vault-${String(index + 1).padStart(4, '0')}`);
  return Array.from({ length: count }, (_, index) => syntheticEntry(random, index, vaultIds));
}

/** A vault index of `count` synthetic entries (the search benchmark's and tests' vault). */
export function buildSyntheticIndex(count: number, options: { vaults?: number; seed?: number } = {}): VaultIndex {
  return VaultIndex.of(buildSyntheticEntries(count, options));
}

/** What a person would have typed for a synthetic entry (to seal real items with the same metadata). */
export function syntheticItemInput(entry: IndexEntry): ItemInput {
  const fields: ItemInput['fields'] = [];
  if (entry.hasPassword) fields.push({ id: 'password', type: 'password', label: 'Password', value: `synthetic password of ${entry.id}` });
  if (entry.hasTotp) fields.push({ id: 'totp', type: 'totp', label: 'One-time code', value: TOTP_SECRET });
  const { folderId, name, login, urls, tags, colour, favourite } = entry;
  return { folderId, name, login, urls, tags, colour, favourite, description: '', fields };
}
