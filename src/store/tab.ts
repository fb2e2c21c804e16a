/**
 * Which tab this page is, and which tabs of the origin are still open. A person may write
 * one ticket per tab, reload a tab or close it and come back: drafts and queued tickets
 * carry the tab they were written in, so that each tab gives back its own text, and the
 * tab that sent a ticket is the one that shows its number.
 *
 * The id lives in sessionStorage, which a reload keeps and a new tab does not. Each tab
 * holds a Web Lock named after its id for as long as it lives: the browser frees it when
 * the tab closes or crashes, so `openTabs()` is the list of tabs still there. A duplicated
 * tab starts with a copy of the original's sessionStorage: its id's lock is taken, and it
 * makes one of its own.
 */
const STORAGE_KEY = 'support-widgets:tab';
const LOCK_PREFIX = 'support-widgets:tab:';

let current: Promise<string> | undefined;

const newId = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);

function stored(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(id: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, id);
  } catch {
    // No sessionStorage (sandboxed frame): the id lasts as long as the page.
  }
}

/** Holds the tab's lock until the page goes; resolves with whether it was free. */
function hold(id: string): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    locks
      .request(`${LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held until the page goes away.
        return lock ? new Promise<void>(() => undefined) : undefined;
      })
      // An opaque origin refuses every request: the tab is known by its id alone.
      .catch(() => resolve(true));
  });
}

/** This tab's id: the same after a reload, another in a new or duplicated tab. */
export function thisTab(): Promise<string> {
  return (current ??= (async () => {
    const kept = stored();
    if (kept && (await hold(kept))) return kept;
    let id = newId();
    while (!(await hold(id))) id = newId();
    store(id);
    return id;
  })());
}

/** The ids of the origin's open tabs; `undefined` where the browser cannot tell (no Web Locks). */
export async function openTabs(): Promise<Set<string> | undefined> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return undefined;
  try {
    const { held = [] } = await locks.query();
    return new Set(held.flatMap(({ name }) => (name?.startsWith(LOCK_PREFIX) ? [name.slice(LOCK_PREFIX.length)] : [])));
  } catch {
    return undefined;
  }
}
