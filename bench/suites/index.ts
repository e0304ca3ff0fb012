import type { Suite } from '../suite';
import { autofillSuite } from './autofill';
import { cliSuite } from './cli';
import { cryptoSuite } from './crypto';
import { extensionSuite } from './extension';
import { serverSuite } from './server';
import { sharingSuite } from './sharing';

/** Every benchmark suite `npm run bench` knows, in the order `all` runs them. */
export const SUITES: readonly Suite[] = [cryptoSuite, serverSuite, extensionSuite, autofillSuite, cliSuite, sharingSuite];
