import { expect } from '@open-wc/testing';
import { withLock } from '../../src/store/lock.js';
import { replace, uniqueName } from './storage-helpers.js';

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The behaviour every kind of lock must have. */
function lockBehaviour(acrossTabs: boolean) {
  it('refuses a second holder while the first runs, then lets the next one in', async () => {
    const name = uniqueName('lock');
    const first = gate();
    const holding = withLock(name, async (shared) => {
      await first.opened;
      return shared;
    });
    expect(await withLock(name, async () => 'second')).to.deep.equal({ acquired: false });
    first.open();
    expect(await holding).to.deep.equal({ acquired: true, value: acrossTabs });
    expect(await withLock(name, async () => 'third')).to.deep.equal({ acquired: true, value: 'third' });
  });

  it('lets a waiter in once the holder is done, in order', async () => {
    const name = uniqueName('lock');
    const order: string[] = [];
    const first = gate();
    const one = withLock(name, async () => {
      await first.opened;
      order.push('first');
    });
    const two = withLock(name, async () => order.push('second'), { wait: true });
    const three = withLock(name, async () => order.push('third'), { wait: true });
    first.open();
    await Promise.all([one, two, three]);
    expect(order).to.deep.equal(['first', 'second', 'third']);
  });

  it('gives the error of the holder to its caller, and releases the lock', async () => {
    const name = uniqueName('lock');
    let caught: unknown;
    await withLock(name, async () => {
      throw new Error('send failed');
    }).catch((error: unknown) => (caught = error));
    expect((caught as Error).message).to.equal('send failed');
    expect(await withLock(name, async () => 1)).to.deep.equal({ acquired: true, value: 1 });
  });

  it('keeps different names apart', async () => {
    const first = gate();
    const holding = withLock(uniqueName('lock'), () => first.opened);
    expect(await withLock(uniqueName('lock'), async () => 2)).to.deep.equal({ acquired: true, value: 2 });
    first.open();
    await holding;
  });
}

describe('withLock', () => {
  describe('with Web Locks', () => {
    lockBehaviour(true);

    it('is refused while another browsing context of the origin holds the lock', async () => {
      const name = uniqueName('lock');
      const frame = document.createElement('iframe');
      document.body.append(frame);
      try {
        const release = gate();
        const taken = gate();
        // The frame stands for another tab: its own LockManager, the same origin.
        const other = frame.contentWindow!.navigator.locks.request(name, () => {
          taken.open();
          return release.opened;
        });
        await taken.opened;
        expect(await withLock(name, async () => 'mine')).to.deep.equal({ acquired: false });
        release.open();
        await other;
        expect(await withLock(name, async () => 'mine')).to.deep.equal({ acquired: true, value: 'mine' });
      } finally {
        frame.remove();
      }
    });
  });

  describe('without Web Locks (plain http, older browsers)', () => {
    let undo: () => void;
    beforeEach(() => (undo = replace(navigator, 'locks', undefined)));
    afterEach(() => undo());

    lockBehaviour(false);
  });

  describe('when Web Locks refuse every request (opaque origin)', () => {
    let undo: () => void;
    beforeEach(
      () =>
        (undo = replace(navigator, 'locks', {
          request: () => Promise.reject(new DOMException('Access denied', 'SecurityError')),
        })),
    );
    afterEach(() => undo());

    lockBehaviour(false);
  });
});
