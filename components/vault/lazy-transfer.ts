import { lazyModule } from '../popup/lazy-screens';

/** The import and export screen, with the parsers and file formats it needs: loaded when first opened. */
export const transferModule = lazyModule(() => import('./transfer-screen'));
