/**
 * The shared zod schemas report their generic problems in Vietnamese, as on the server. Kept out
 * of the entry (zod's core is ≈ 8 KB gzip the login page does not need): `main.tsx` starts this
 * import at once, and every lazy page waits for it before rendering (`lazyPage` in App.tsx), so
 * no form can parse before the locale is set.
 */
import { z } from 'zod';

z.config(z.locales.vi());

export const zodLocaleReady = true;
