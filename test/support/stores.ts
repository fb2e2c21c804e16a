/**
 * The page's drafts and outbox are shared by every element and kept in IndexedDB,
 * so one test's draft or queued ticket would reach the next test's element:
 * each test that uses the elements starts from empty stores.
 */
import { drafts } from '../../src/store/drafts.js';
import { outbox } from '../../src/store/outbox.js';

// The test files of a run are pages of one origin, open at once, sharing its IndexedDB; drafts are
// kept per page path (draftKey), and every test page has the same one. Each file its own path, so
// that its forms never restore another file's draft half-way through a test (seen in full runs: a
// phone number gone, keys landing in another field).
history.replaceState(history.state, '', `/test-page-${crypto.randomUUID()}${location.search}${location.hash}`);

export async function clearStores(): Promise<void> {
  // A removed element writes its pending draft as it goes: let that land first.
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const storage of [drafts().storage, outbox().storage]) {
    for (const [key] of await storage.entries()) await storage.delete(key);
  }
}
