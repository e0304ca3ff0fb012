import type { Suite } from '../suite';
import { cliSuite } from './cli';
import { serverSuite } from './server';

/** Every benchmark suite `npm run bench` knows, in the order `all` runs them. */
export const SUITES: readonly Suite[] = [serverSuite, cliSuite];
