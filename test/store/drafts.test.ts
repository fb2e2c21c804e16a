import { expect } from '@open-wc/testing';
import { createStore, entries as idbEntries, set as idbSet } from 'idb-keyval';
import { configFingerprint, createDraftStore, draftKey, drafts, type DraftSaveResult } from '../../src/store/drafts.js';
import { createKeyValueStore, type KeyValueStore } from '../../src/store/kv.js';
import { replace, sleep, uniqueName } from './storage-helpers.js';

const config = {
  backend: { type: 'glpi', url: 'https://support.example.fr/apirest.php', timeout: 20000 },
  contacts: [{ kind: 'email', label: 'Support', value: 'support@example.fr', from: 'very-low' }],
};

const capture = () => new File(['écran bleu'], 'capture.png', { type: 'image/png', lastModified: 1_700_000_000_000 });
const bytes = (size: number, name: string) => new File([new Uint8Array(size)], name, { type: 'application/octet-stream' });

/** Counts the writes that reach the store. */
function counting(storage: KeyValueStore) {
  const writes: unknown[] = [];
  const set = storage.set.bind(storage);
  storage.set = (key, value) => {
    writes.push(value);
    return set(key, value);
  };
  return { storage, writes };
}

describe('drafts', () => {
  let restore: (() => void)[] = [];
  afterEach(() => {
    restore.forEach((undo) => undo());
    restore = [];
  });

  describe('draftKey', () => {
    it('is one per page, configuration and box', () => {
      const key = draftKey({ config, kind: 'form' });
      expect(key).to.equal(`${location.pathname}#${configFingerprint(config)}#form`);
      expect(draftKey({ config, kind: 'form', page: '/intranet/support' })).not.to.equal(key);
      expect(draftKey({ config, kind: 'reply:42' })).not.to.equal(key);
      const other = { ...config, backend: { ...config.backend, url: 'https://other.example.fr/apirest.php' } };
      expect(draftKey({ config: other, kind: 'form' })).not.to.equal(key);
    });

    it('does not depend on key order nor on credentials', () => {
      const reordered = { contacts: config.contacts, backend: { timeout: 20000, url: config.backend.url, type: 'glpi' } };
      const withToken = { ...config, backend: { ...config.backend, appToken: 'app-secret', auth: { userToken: 'user-secret' } } };
      expect(configFingerprint(reordered)).to.equal(configFingerprint(config));
      expect(configFingerprint(withToken)).to.equal(configFingerprint(config));
      expect(configFingerprint(config)).to.match(/^[0-9a-z]{1,7}$/);
      expect(configFingerprint(undefined)).to.be.a('string');
    });
  });

  it('come back after a reload, attachments included', async () => {
    const database = uniqueName('drafts');
    const key = draftKey({ config, kind: 'form' });
    const result = await createDraftStore({ storage: createKeyValueStore(database) }).save(key, {
      values: { title: 'Imprimante bloquée', urgency: 'high', answers: [{ id: 'room', value: 'B12' }] },
      files: [capture()],
    });
    expect(result).to.deep.equal({ persistent: true, leftOut: [] });

    // A new store on the same database: what a reloaded page sees, nothing from memory.
    const draft = await createDraftStore({ storage: createKeyValueStore(database) }).load<{ title: string }>(key);
    expect(draft!.values).to.deep.equal({ title: 'Imprimante bloquée', urgency: 'high', answers: [{ id: 'room', value: 'B12' }] });
    expect(draft!.savedAt).to.be.closeTo(Date.now(), 5000);
    const [file] = draft!.files;
    expect(file).to.be.instanceOf(File);
    expect([file!.name, file!.type, file!.lastModified]).to.deep.equal(['capture.png', 'image/png', 1_700_000_000_000]);
    expect(await file!.text()).to.equal('écran bleu');
  });

  it('are removed, and a missing or foreign record is no draft', async () => {
    const database = uniqueName('drafts');
    const store = createDraftStore({ storage: createKeyValueStore(database) });
    await store.save('k', { values: { title: 'x' } });
    await store.remove('k');
    expect(await store.load('k')).to.equal(undefined);
    await idbSet('old', 'written by someone else', createStore(database, 'keyval'));
    await idbSet('half', { values: null, files: [] }, createStore(database, 'keyval'));
    expect(await store.load('old')).to.equal(undefined);
    expect(await store.load('half')).to.equal(undefined);
  });

  it('keep files up to the size cap and name the ones left out', async () => {
    const store = createDraftStore({ storage: createKeyValueStore(uniqueName('drafts')), maxBytes: 100 });
    const result = await store.save('k', { values: {}, files: [bytes(60, 'a.bin'), bytes(50, 'b.bin'), bytes(40, 'c.bin')] });
    expect(result.leftOut).to.deep.equal([{ name: 'b.bin', size: 50, reason: 'too-big' }]);
    expect((await store.load('k'))!.files.map((file) => file.name)).to.deep.equal(['a.bin', 'c.bin']);
  });

  it('cap attachments at 10 MB by default', async () => {
    const store = createDraftStore({ storage: createKeyValueStore(uniqueName('drafts')) });
    const result = await store.save('k', { values: {}, files: [bytes(6 * 1024 * 1024, 'a.bin'), bytes(5 * 1024 * 1024, 'b.bin')] });
    expect(result.leftOut.map((file) => file.name)).to.deep.equal(['b.bin']);
  });

  it('never store credentials, at any depth', async () => {
    const database = uniqueName('drafts');
    const store = createDraftStore({ storage: createKeyValueStore(database) });
    await store.save('k', {
      values: {
        title: 'Accès VPN',
        password: 'hunter2-secret',
        token: 'tok-secret',
        auth: { userToken: 'user-secret' },
        backend: { url: 'https://a.test', appToken: 'app-secret', sessionToken: 'session-secret' },
        answers: [{ id: 'q', value: 'v', userToken: 'nested-secret', Authorization: 'Basic c2VjcmV0' }],
      },
    });
    // What IndexedDB actually holds, read with idb-keyval itself.
    const stored = await idbEntries(createStore(database, 'keyval'));
    expect(stored).to.have.length(1);
    const text = JSON.stringify(stored);
    expect(text).not.to.match(/secret|c2VjcmV0|password|token|auth/i);
    expect(stored[0]![1].values).to.deep.equal({
      title: 'Accès VPN',
      backend: { url: 'https://a.test' },
      answers: [{ id: 'q', value: 'v' }],
    });
  });

  it('keep the typed text when storage refuses the files', async () => {
    const database = uniqueName('drafts');
    const store = createDraftStore({ storage: createKeyValueStore(database) });
    const put = IDBObjectStore.prototype.put;
    restore.push(
      replace(IDBObjectStore.prototype, 'put', function (this: IDBObjectStore, value: { files: File[] }, key?: IDBValidKey) {
        if (value.files.length > 0) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        return put.call(this, value, key);
      }),
    );
    const result = await store.save('k', { values: { title: 'Écran' }, files: [capture()] });
    expect(result).to.deep.equal({ persistent: true, leftOut: [{ name: 'capture.png', size: 11, reason: 'not-stored' }] });
    const [[, stored]] = await idbEntries(createStore(database, 'keyval'));
    expect(stored).to.deep.include({ values: { title: 'Écran' }, files: [] });
    expect(store.storage.persistent).to.be.true;
  });

  it('live in memory, files included, when IndexedDB is unavailable', async () => {
    restore.push(
      replace(IDBFactory.prototype, 'open', () => {
        throw new DOMException('blocked', 'SecurityError');
      }),
    );
    const store = createDraftStore({ storage: createKeyValueStore(uniqueName('drafts')) });
    const result = await store.save('k', { values: { title: 'Écran' }, files: [capture()] });
    expect(result).to.deep.equal({ persistent: false, leftOut: [] });
    const draft = await store.load('k');
    expect(draft!.values).to.deep.equal({ title: 'Écran' });
    expect(draft!.files.map((file) => file.name)).to.deep.equal(['capture.png']);
    expect(store.storage.persistent).to.be.false;
  });

  it('give back a plain Blob as a file', async () => {
    const database = uniqueName('drafts');
    await idbSet('k', { values: {}, files: [new Blob(['x'], { type: 'text/plain' })], savedAt: 1 }, createStore(database, 'keyval'));
    const draft = await createDraftStore({ storage: createKeyValueStore(database) }).load('k');
    expect(draft!.files[0]).to.be.instanceOf(File);
    expect(draft!.files[0]!.type).to.equal('text/plain');
    expect(draft!.savedAt).to.equal(1);
  });

  it('share one store per page', () => {
    expect(drafts()).to.equal(drafts());
  });

  describe('saver', () => {
    it('writes once typing pauses, with the latest values', async () => {
      const { storage, writes } = counting(createKeyValueStore(uniqueName('drafts')));
      const store = createDraftStore({ storage });
      const saved: DraftSaveResult[] = [];
      const saver = store.saver<{ title: string }>('k', { delay: 40, onSaved: (result) => saved.push(result) });
      saver.save({ values: { title: 'I' } });
      saver.save({ values: { title: 'Im' } });
      saver.save({ values: { title: 'Imp' } });
      expect(writes).to.have.length(0);
      await sleep(100);
      expect(writes).to.have.length(1);
      expect((await store.load('k'))!.values).to.deep.equal({ title: 'Imp' });
      expect(saved).to.deep.equal([{ persistent: true, leftOut: [] }]);
      await saver.dispose();
    });

    it('writes during long typing after maxWait', async () => {
      const { storage, writes } = counting(createKeyValueStore(uniqueName('drafts')));
      const saver = createDraftStore({ storage }).saver('k', { delay: 60, maxWait: 100 });
      for (let i = 0; i < 8; i++) {
        saver.save({ values: { title: 'x'.repeat(i) } });
        await sleep(25);
      }
      expect(writes.length).to.be.at.least(1);
      await saver.dispose();
    });

    it('flushes at once when the page is hidden or left', async () => {
      const { storage, writes } = counting(createKeyValueStore(uniqueName('drafts')));
      const saver = createDraftStore({ storage }).saver('k', { delay: 10_000 });
      saver.save({ values: { title: 'a' } });
      dispatchEvent(new PageTransitionEvent('pagehide'));
      await saver.flush();
      expect(writes).to.have.length(1);

      saver.save({ values: { title: 'b' } });
      document.dispatchEvent(new Event('visibilitychange'));
      await saver.flush();
      // Still visible: nothing written by the event; flush() itself wrote.
      expect(writes).to.have.length(2);

      saver.save({ values: { title: 'c' } });
      const undo = replace(document, 'visibilityState', 'hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      undo();
      expect(await saver.flush()).to.equal(undefined);
      expect(writes).to.have.length(3);
      await saver.dispose();
    });

    it('stops listening once disposed, after writing what was pending', async () => {
      const { storage, writes } = counting(createKeyValueStore(uniqueName('drafts')));
      const saver = createDraftStore({ storage }).saver('k', { delay: 10_000 });
      saver.save({ values: { title: 'a' } });
      await saver.dispose();
      expect(writes).to.have.length(1);
      dispatchEvent(new PageTransitionEvent('pagehide'));
      await sleep(10);
      expect(writes).to.have.length(1);
    });

    it('discards the pending draft and the stored one', async () => {
      const { storage, writes } = counting(createKeyValueStore(uniqueName('drafts')));
      const store = createDraftStore({ storage });
      const saver = store.saver('k', { delay: 20 });
      saver.save({ values: { title: 'a' } });
      await saver.flush();
      saver.save({ values: { title: 'ab' } });
      await saver.discard();
      await sleep(50);
      expect(writes).to.have.length(1);
      expect(await store.load('k')).to.equal(undefined);
      // The box goes on being used afterwards.
      saver.save({ values: { title: 'new' } });
      await saver.flush();
      expect((await store.load('k'))!.values).to.deep.equal({ title: 'new' });
      await saver.dispose();
    });
  });
});
