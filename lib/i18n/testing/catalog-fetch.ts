import { catalogFile } from '../catalog-files';
import { LANGUAGES } from '../languages';
import { CATALOGS } from '../translate';

/** A fetch of extension files that serves the catalog files as the build writes them (wxt.config.ts) and nothing else. */
export async function catalogFetch(path: string): Promise<Response> {
  const language = LANGUAGES.find((candidate) => catalogFile(candidate) === path);
  if (!language) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(CATALOGS[language]), { headers: { 'content-type': 'application/json' } });
}
