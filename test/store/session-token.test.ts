import { expect } from '@open-wc/testing';
import { memoryTokenStore, personKey, sessionTokenStore } from '../../src/store/session-token.js';

describe('session token stores', () => {
  beforeEach(() => sessionStorage.clear());

  it('keep tokens in sessionStorage under a prefixed key', () => {
    const store = sessionTokenStore();
    store.set('glpi:https://a.test/apirest.php', 'abc');
    expect(sessionStorage.getItem('support-widgets:session:glpi:https://a.test/apirest.php')).to.equal('abc');
    expect(sessionTokenStore().get('glpi:https://a.test/apirest.php')).to.equal('abc');
    store.delete('glpi:https://a.test/apirest.php');
    expect(sessionStorage.length).to.equal(0);
    expect(store.get('glpi:https://a.test/apirest.php')).to.equal(undefined);
  });

  it('name a person by a short hash that says nothing of the token or login, the same every time', () => {
    const key = personKey('token:demo-user-token');
    expect(key).to.match(/^[0-9a-z]{6,12}$/);
    expect(personKey('token:demo-user-token')).to.equal(key);
    expect(personKey('token:demo-user-tokem')).not.to.equal(key);
    expect(key).not.to.contain('demo');
  });

  it('fall back to memory when sessionStorage refuses', () => {
    const { setItem, getItem } = Storage.prototype;
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    Storage.prototype.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const store = sessionTokenStore();
      store.set('k', 'v');
      expect(store.get('k')).to.equal('v');
      store.delete('k');
      expect(store.get('k')).to.equal(undefined);
    } finally {
      Storage.prototype.setItem = setItem;
      Storage.prototype.getItem = getItem;
    }
    expect(sessionStorage.length).to.equal(0);
  });

  it('can live in memory only', () => {
    const store = memoryTokenStore();
    store.set('k', 'v');
    expect(store.get('k')).to.equal('v');
    expect(sessionStorage.length).to.equal(0);
    store.delete('k');
    expect(store.get('k')).to.equal(undefined);
  });
});
