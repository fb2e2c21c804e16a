import { expect } from '@open-wc/testing';
import { createBackend, descriptorOf, LazyBackend } from '../../src/backends/index.js';
import type { LoadableBackend } from '../../src/backends/descriptor.js';
import { glpiSessionKey } from '../../src/backends/glpi/capabilities.js';
import type { GlpiBackendConfig } from '../../src/config/index.js';
import { HelpdeskError } from '../../src/core/errors.js';
import { createGlpiFake, DEMO_USER } from '../../src/mocks/index.js';
import { useHandlers } from '../support/msw.js';

const API = 'https://lazy.example.fr/apirest.php';
const config: GlpiBackendConfig = { type: 'glpi', url: API, timeout: 5000 };

describe('createBackend: the adapter loaded on first use', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    await useHandlers(...createGlpiFake({ baseUrl: API }).handlers);
  });

  it('knows its capabilities and whether to ask for a sign-in before the adapter is there', () => {
    const backend = createBackend(config);
    expect(backend.capabilities.approval).to.equal(true);
    expect(backend.hasCredentials(), 'no token, no session').to.equal(false);
    expect(createBackend({ ...config, auth: { userToken: DEMO_USER.userToken } }).hasCredentials()).to.equal(true);
    // A session is kept per person (see glpiSessionKey); the bare key names the last person's.
    sessionStorage.setItem(`support-widgets:session:${glpiSessionKey(config, 'p1')}`, 'kept-from-before-the-reload');
    sessionStorage.setItem(`support-widgets:session:${glpiSessionKey(config)}`, 'p1');
    expect(createBackend(config).hasCredentials(), 'a session kept in the tab').to.equal(true);
  });

  it('ends a session kept from before the reload though no call was made', async () => {
    const key = `support-widgets:session:${glpiSessionKey(config, 'p1')}`;
    sessionStorage.setItem(key, 'kept-from-before-the-reload');
    sessionStorage.setItem(`support-widgets:session:${glpiSessionKey(config)}`, 'p1');
    const backend = createBackend(config);
    expect(backend.hasCredentials()).to.equal(true);
    await backend.signOut();
    expect(sessionStorage.getItem(key)).to.equal(null);
    expect(backend.hasCredentials()).to.equal(false);
  });

  it('hands credentials set before the load to the adapter, and every call to it', async () => {
    const backend = createBackend(config);
    backend.setCredentials({ userToken: DEMO_USER.userToken });
    expect(backend.hasCredentials()).to.equal(true);
    const categories = await backend.listCategories('incident');
    expect(categories.length).to.be.greaterThan(0);
    expect(backend.hasCredentials()).to.equal(true);
    await backend.signOut();
    expect(backend.hasCredentials()).to.equal(false);
  });

  it('turns a failed download of the adapter into a network error, and tries again on the next call', async () => {
    let attempts = 0;
    const glpi = descriptorOf(config);
    const flaky: LoadableBackend<GlpiBackendConfig> = {
      ...glpi,
      load: () => (++attempts === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : glpi.load()),
    };
    const backend = new LazyBackend({ ...config, auth: { userToken: DEMO_USER.userToken } }, flaky as LoadableBackend);
    const error = await backend.listCategories('incident').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(HelpdeskError);
    expect((error as HelpdeskError).kind).to.equal('network');
    expect((error as HelpdeskError).transient, 'the outbox keeps the ticket').to.equal(true);
    expect(await backend.listCategories('incident')).to.not.be.empty;
    expect(attempts).to.equal(2);
  });
});
