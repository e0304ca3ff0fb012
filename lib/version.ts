import packageJson from '../package.json' with { type: 'json' };

/** Keyhold's release version, shared by the server and the CLI (the extension reads its manifest). */
export const KEYHOLD_VERSION: string = packageJson.version;
