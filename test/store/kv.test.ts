import { expect } from '@open-wc/testing';
import { createStore, entries as idbEntries, get as idbGet } from 'idb-keyval';
import { createKeyValueStore } from '../../src/store/kv.js';
import { replace, uniqueName } from './storage-helpers.js';

describe('key-value store', () => {
  let restore: (() => void)[] = [];
  afterEach(() => {
    restore.forEach((undo) => undo());
    restore = [];
  });

  it('keeps values in its own IndexedDB database', async () => {
    const database = uniqueName('kv');
    const store = createKeyValueStore(database);
    expect(await store.set('a', { text: 'bonjour', when: 1 })).to.be.true;
    expect(await store.get('a')).to.deep.equal({ text: 'bonjour', when: 1 });
    // Read back with idb-keyval itself: the value really is in IndexedDB.
    expect(await idbGet('a', createStore(database, 'keyval'))).to.deep.equal({ text: 'bonjour', when: 1 });
    expect(await createKeyValueStore(database).get('a')).to.deep.equal({ text: 'bonjour', when: 1 });
    expect(await store.entries()).to.deep.equal([['a', { text: 'bonjour', when: 1 }]]);
    expect(await store.delete('a')).to.be.true;
    expect(await store.get('a')).to.equal(undefined);
    expect(store.persistent).to.be.true;
  });

  it('updates in one transaction, so concurrent changes from two tabs all count', async () => {
    const database = uniqueName('kv');
    const tabA = createKeyValueStore(database);
    const tabB = createKeyValueStore(database);
    const increment = (count: number | undefined) => (count ?? 0) + 1;
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? tabA : tabB).update('count', increment)));
    expect(await tabA.get('count')).to.equal(10);
    expect(await tabB.update('count', () => undefined)).to.equal(undefined);
    expect(await tabA.get('count')).to.equal(undefined);
  });

  describe('when IndexedDB cannot be opened', () => {
    beforeEach(() => {
      restore.push(
        replace(IDBFactory.prototype, 'open', () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        }),
      );
    });

    it('works from memory and says it is not persistent', async () => {
      const store = createKeyValueStore(uniqueName('kv'));
      const changes: boolean[] = [];
      store.watchPersistence((persistent) => changes.push(persistent));
      expect(store.persistent).to.be.true;
      expect(await store.get('a')).to.equal(undefined);
      expect(store.persistent).to.be.false;
      expect(await store.set('a', 1)).to.be.false;
      expect(await store.set('b', 2)).to.be.false;
      expect(await store.get('a')).to.equal(1);
      expect(await store.entries()).to.deep.equal([
        ['a', 1],
        ['b', 2],
      ]);
      expect(await store.update<number>('a', (n) => (n ?? 0) + 1)).to.equal(2);
      expect(await store.get('a')).to.equal(2);
      expect(await store.delete('a')).to.be.false;
      expect(await store.get('a')).to.equal(undefined);
      expect(await store.entries()).to.deep.equal([['b', 2]]);
      expect(changes).to.deep.equal([false]);
    });

    it('creates with update, but never invents a value it could not read', async () => {
      const store = createKeyValueStore(uniqueName('kv'));
      expect(await store.update('new', (current) => current ?? 'created')).to.equal('created');
      expect(await store.get('new')).to.equal('created');
      expect(await store.update('absent', () => undefined)).to.equal(undefined);
      expect((await store.entries()).map(([key]) => key)).to.deep.equal(['new']);
    });

    it('keeps copies, like IndexedDB would', async () => {
      const store = createKeyValueStore(uniqueName('kv'));
      const value = { list: [1] };
      await store.set('a', value);
      value.list.push(2);
      const read = await store.get<{ list: number[] }>('a');
      expect(read).to.deep.equal({ list: [1] });
      read!.list.push(3);
      expect(await store.get('a')).to.deep.equal({ list: [1] });
    });
  });

  it('keeps in memory a value IndexedDB refuses (quota), and persists it again once it can', async () => {
    const database = uniqueName('kv');
    const store = createKeyValueStore(database);
    const changes: boolean[] = [];
    store.watchPersistence((persistent) => changes.push(persistent));
    await store.set('small', 'ok');
    const undo = replace(IDBObjectStore.prototype, 'put', () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    });
    expect(await store.set('big', 'too much')).to.be.false;
    undo();
    expect(store.persistent).to.be.false;
    expect(await store.get('big')).to.equal('too much');
    expect(await store.get('small')).to.equal('ok');
    expect(await idbGet('big', createStore(database, 'keyval'))).to.equal(undefined);
    expect(await store.update('big', (value) => `${value}, later`)).to.equal('too much, later');
    expect(store.persistent).to.be.true;
    expect(await idbGet('big', createStore(database, 'keyval'))).to.equal('too much, later');
    expect(changes).to.deep.equal([false, true]);
  });

  it('hides a value whose delete IndexedDB refused', async () => {
    const database = uniqueName('kv');
    const store = createKeyValueStore(database);
    await store.set('a', 1);
    await store.set('b', 2);
    restore.push(
      replace(IDBObjectStore.prototype, 'delete', () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      }),
    );
    expect(await store.delete('a')).to.be.false;
    expect(await store.get('a')).to.equal(undefined);
    expect(await store.entries()).to.deep.equal([['b', 2]]);
    expect(await idbEntries(createStore(database, 'keyval'))).to.have.length(2);
    expect(store.persistent).to.be.false;
  });

  it('gives up on an IndexedDB that never answers', async () => {
    // Some browsers leave `indexedDB.open` pending forever.
    restore.push(replace(IDBFactory.prototype, 'open', () => ({}) as IDBOpenDBRequest));
    const store = createKeyValueStore(uniqueName('kv'), { timeout: 50 });
    const started = performance.now();
    expect(await store.set('a', 1)).to.be.false;
    expect(await store.get('a')).to.equal(1);
    expect(await store.get('b')).to.equal(undefined);
    expect(await store.entries()).to.deep.equal([['a', 1]]);
    // Only the first call waited for the timeout.
    expect(performance.now() - started).to.be.below(500);
    expect(store.persistent).to.be.false;
  });

  it('stops calling a listener once unsubscribed', async () => {
    restore.push(
      replace(IDBFactory.prototype, 'open', () => {
        throw new Error('blocked');
      }),
    );
    const store = createKeyValueStore(uniqueName('kv'));
    const changes: boolean[] = [];
    store.watchPersistence((persistent) => changes.push(persistent))();
    await store.set('a', 1);
    expect(changes).to.deep.equal([]);
  });
});
