/**
 * Drafts: what a person typed into a form or a reply box, kept as they type so
 * a reload, a crash or a closed tab loses nothing. One draft per page,
 * configuration and box; attachments kept as Files up to a size cap; never a
 * credential.
 */
import { withoutCredentials } from './credentials.js';
import { createKeyValueStore, type KeyValueStore } from './kv.js';

/** Which box a draft belongs to: the new-ticket form, or the reply box of one ticket. */
export type DraftKind = 'form' | `reply:${string}`;

export interface DraftKeyParts {
  /** The configuration the element runs with; credentials are left out of the key. */
  config: unknown;
  kind: DraftKind;
  /** Defaults to `location.pathname`: the same widget on two intranet pages keeps two drafts. */
  page?: string;
}

/** What the caller saves: its own form values (plain JSON-able data) and the files picked. */
export interface DraftInput<V extends object> {
  values: V;
  files?: readonly File[];
}

export interface Draft<V extends object> {
  values: V;
  files: File[];
  /** Epoch milliseconds, for "draft from 10:32". */
  savedAt: number;
}

/** A file the draft does not hold: the person must pick it again after a reload. */
export interface LeftOutFile {
  name: string;
  size: number;
  /** `too-big`: past the draft's size cap; `not-stored`: the browser's storage refused it (quota). */
  reason: 'too-big' | 'not-stored';
}

export interface DraftSaveResult {
  /** False: the draft lives in memory only and will not survive a reload. */
  persistent: boolean;
  leftOut: LeftOutFile[];
}

export interface DraftSaverOptions {
  /** Milliseconds of quiet typing before a write. */
  delay?: number;
  /** Milliseconds after which a pending draft is written even if typing goes on. */
  maxWait?: number;
  /** Called after each write, e.g. to say that drafts are not kept or a file was left out. */
  onSaved?: (result: DraftSaveResult) => void;
}

/** Saves one box's draft without writing on every keystroke. */
export interface DraftSaver<V extends object> {
  /** Schedules a write of `draft`, replacing any pending one. */
  save(draft: DraftInput<V>): void;
  /** Writes the pending draft now; resolves once every earlier write is done too. */
  flush(): Promise<DraftSaveResult | undefined>;
  /** Drops the pending draft and removes the stored one: the ticket was accepted, or the person discarded it. */
  discard(): Promise<void>;
  /** Writes what is pending and stops listening to the page being hidden (element disconnected). */
  dispose(): Promise<void>;
}

export interface DraftStore {
  save<V extends object>(key: string, draft: DraftInput<V>): Promise<DraftSaveResult>;
  load<V extends object>(key: string): Promise<Draft<V> | undefined>;
  remove(key: string): Promise<void>;
  saver<V extends object>(key: string, options?: DraftSaverOptions): DraftSaver<V>;
  /** The storage under it, for `persistent` and `watchPersistence`. */
  readonly storage: KeyValueStore;
}

export interface DraftStoreOptions {
  storage?: KeyValueStore;
  /** Total bytes of files one draft keeps. */
  maxBytes?: number;
}

/** The key of one box's draft. */
export function draftKey({ config, kind, page = location.pathname }: DraftKeyParts): string {
  return `${page}#${configFingerprint(config)}#${kind}`;
}

/**
 * A short hash of the configuration that stays the same across page loads and
 * key orders, and does not change when a token is renewed: credentials are
 * left out before hashing. FNV-1a: a draft key needs no cryptography.
 */
export function configFingerprint(config: unknown): string {
  const canonical =
    JSON.stringify(withoutCredentials(config), (_, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, (value as Record<string, unknown>)[key]]),
          )
        : value,
    ) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i++) hash = Math.imul(hash ^ canonical.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

export function createDraftStore(options: DraftStoreOptions = {}): DraftStore {
  const { storage = createKeyValueStore('support-widgets-drafts'), maxBytes = 10 * 1024 * 1024 } = options;

  const store: DraftStore = {
    storage,

    async save(key, { values, files = [] }) {
      const kept: File[] = [];
      const leftOut: LeftOutFile[] = [];
      let total = 0;
      for (const file of files) {
        if (total + file.size > maxBytes) {
          leftOut.push({ name: file.name, size: file.size, reason: 'too-big' });
        } else {
          kept.push(file);
          total += file.size;
        }
      }
      const record = (withFiles: File[]) => ({ values: withoutCredentials(values), files: withFiles, savedAt: Date.now() });
      let persistent = await storage.set(key, record(kept));
      if (!persistent && kept.length > 0) {
        // Quota, most likely: the typed text is what matters most, and it is small.
        if (await storage.set(key, record([]))) {
          persistent = true;
          leftOut.push(...kept.map((file) => ({ name: file.name, size: file.size, reason: 'not-stored' as const })));
        } else {
          // Nothing persists: memory may as well keep the files, for this page's life.
          persistent = await storage.set(key, record(kept));
        }
      }
      return { persistent, leftOut };
    },

    async load<V extends object>(key: string) {
      const record = await storage.get<Partial<Draft<V>>>(key);
      // Anything else was written by another version, or is not ours: no draft rather than a broken form.
      if (!record || typeof record.values !== 'object' || record.values === null || !Array.isArray(record.files)) return undefined;
      return {
        values: record.values,
        // A browser that gives back a plain Blob still gives back the bytes.
        files: (record.files as unknown[])
          .filter((file): file is Blob => file instanceof Blob)
          .map((file) => (file instanceof File ? file : new File([file], 'attachment', { type: file.type }))),
        savedAt: Number(record.savedAt) || 0,
      };
    },

    async remove(key) {
      await storage.delete(key);
    },

    saver<V extends object>(key: string, { delay = 800, maxWait = 5000, onSaved }: DraftSaverOptions = {}): DraftSaver<V> {
      let pending: DraftInput<V> | undefined;
      let pendingSince = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // Writes one after another, so an older draft never lands after a newer one.
      let queue: Promise<unknown> = Promise.resolve();
      const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
        const next = queue.then(task);
        queue = next.catch(() => undefined);
        return next;
      };

      const flush = () => {
        clearTimeout(timer);
        const draft = pending;
        pending = undefined;
        return enqueue(async () => {
          if (!draft) return undefined;
          const result = await store.save(key, draft);
          onSaved?.(result);
          return result;
        });
      };
      // A tab being closed or put away may never run a timer again: write now.
      const onPageHide = () => void flush();
      const onVisibilityChange = () => {
        if (document.visibilityState === 'hidden') void flush();
      };
      addEventListener('pagehide', onPageHide);
      document.addEventListener('visibilitychange', onVisibilityChange);

      return {
        save(draft: DraftInput<V>) {
          if (!pending) pendingSince = Date.now();
          pending = draft;
          clearTimeout(timer);
          timer = setTimeout(flush, Math.max(0, Math.min(delay, pendingSince + maxWait - Date.now())));
        },
        flush,
        discard() {
          clearTimeout(timer);
          pending = undefined;
          return enqueue(() => store.remove(key));
        },
        async dispose() {
          removeEventListener('pagehide', onPageHide);
          document.removeEventListener('visibilitychange', onVisibilityChange);
          await flush();
        },
      };
    },
  };
  return store;
}

let shared: DraftStore | undefined;

/** The page's draft store: one memory fallback shared by every element of the page. */
export const drafts = (): DraftStore => (shared ??= createDraftStore());
