/**
 * What element tests on GLPI share: a fresh fake GLPI for each test (at the URL of
 * `glpiConfig()`), stores and session storage emptied before it, every session ended after.
 */
import { createGlpiFake, type GlpiFake, type GlpiFakeOptions } from '../../src/mocks/index.js';
import { signOutEverywhere } from '../../src/index.js';
import { useHandlers } from './msw.js';
import { clearStores } from './stores.js';
import { GLPI_URL } from './form.js';

/** Sets up each test with a new fake, handed to `take` (`(made) => (fake = made)`) before anything runs. */
export function useGlpiFake(take: (fake: GlpiFake) => void, options: GlpiFakeOptions = {}): void {
  beforeEach(async () => {
    const fake = createGlpiFake({ baseUrl: GLPI_URL, ...options });
    take(fake);
    await useHandlers(...fake.handlers);
    await clearStores();
    sessionStorage.clear();
  });
  afterEach(() => signOutEverywhere());
}
