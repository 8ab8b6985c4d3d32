// Values vitest.config.ts hands to tests through `provide` (read with `inject`).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The zone a tz-* project starts its workers in; absent in the other projects. */
    timeZone?: string;
  }
}
