/**
 * What the form and the reply box share to keep a draft: the person's text and
 * files saved as they type (never a credential: the sign-in fields are not part
 * of what is saved), given back on the next visit with a visible "Draft
 * restored · Discard" line, removed once the helpdesk accepted what was sent,
 * and a short note when this browser will not keep it past a reload.
 *
 * Each tab keeps its own draft of a box (two tabs, two tickets: neither overwrites the
 * other), under the box's key and the tab's id (src/store/tab.ts), which a reload keeps.
 * A new tab with no draft of its own takes over the newest one a closed tab left: the
 * person who closed the tab, or whose browser crashed, finds their text again.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { drafts, type Draft, type DraftInput, type DraftSaver } from '../../store/drafts.js';
import { openTabs, thisTab } from '../../store/tab.js';
import type { Messages } from '../../i18n/en.js';

/** Milliseconds a closing tab may keep its lock (src/store/tab.ts) after the person closed it. */
const TAB_CLOSING = 1500;

/** One box's draft; its lifecycle is its composer's (src/elements/shared/composer.ts), which forwards the host's. */
export class DraftKeeper<V extends object> implements ReactiveController {
  /** A saved draft was put back into the box and is still shown as such. */
  restored = false;
  /** False: this browser keeps drafts in memory only (private mode, storage refused). */
  persistent = true;

  private key?: string;
  private saver?: DraftSaver<V>;
  /** The person changed something since the box opened: a draft read late must not overwrite it. */
  private touched = false;
  /** The key of this tab's draft of the box. */
  private own?: string;
  /** Saved before the tab's id was known: written once the saver exists. */
  private early?: DraftInput<V> | null;
  /** Settled once this box's saver exists (or another box was opened): `flush` waits for it. */
  private opening?: Promise<void>;
  private unwatch?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Puts a saved draft back into the box; `false` when what it held is not a draft to announce. */
    private readonly restore: (draft: Draft<V>) => void | boolean,
  ) {}

  /** Switches to the draft stored under `key` and restores it, unless the person already typed. */
  async open(key: string): Promise<void> {
    if (key === this.key) return;
    // The previous box's pending text is written under its own key; from now on, saves go to the new one.
    void this.saver?.dispose();
    this.saver = undefined;
    this.own = undefined;
    this.key = key;
    this.touched = false;
    this.restored = false;
    this.early = undefined;
    let opened!: () => void;
    this.opening = new Promise<void>((resolve) => (opened = resolve));
    let own: string;
    try {
      own = `${key}@${await thisTab()}`;
      if (this.key !== key) return;
      this.own = own;
      this.saver = drafts().saver<V>(own, { onSaved: ({ persistent }) => this.setPersistent(persistent) });
      if (this.early !== undefined) {
        if (this.early) this.saver.save(this.early);
        else void this.saver.discard();
      }
    } finally {
      opened();
    }
    let draft = (await drafts().load<V>(own)) ?? (await this.takeOver(key, own));
    // A tab closed a moment ago may still hold its lock: look once more, unless the person started typing.
    if (!draft && this.othersOpen) {
      await new Promise((resolve) => setTimeout(resolve, TAB_CLOSING));
      if (this.key === key && !this.touched) draft = await this.takeOver(key, own);
    }
    if (draft && this.key === key && !this.touched) {
      this.restored = this.restore(draft) !== false;
    }
    this.setPersistent(drafts().storage.persistent);
    this.host.requestUpdate();
  }

  /** Whether the last `takeOver` left drafts of this box to tabs that were still open. */
  private othersOpen = false;

  /** Keeps what the person typed; `undefined` when there is nothing worth keeping (the stored draft goes). */
  save(draft: DraftInput<V> | undefined): void {
    this.touched = true;
    if (!this.saver) this.early = draft ?? null;
    else if (draft) this.saver.save(draft);
    else void this.saver.discard();
  }

  /**
   * The newest draft of this box that a closed tab left (or a version that kept one draft
   * for every tab), moved under this tab's key. Where the browser cannot tell which tabs are
   * open (no Web Locks: plain-http pages), it is copied instead, so an open tab keeps its own.
   */
  private async takeOver(key: string, own: string): Promise<Draft<V> | undefined> {
    const store = drafts();
    const [stored, tabs] = await Promise.all([store.storage.entries<{ savedAt?: number }>(), openTabs()]);
    this.othersOpen = Boolean(tabs) && stored.some(([name]) => name.startsWith(`${key}@`) && name !== own && tabs!.has(name.slice(key.length + 1)));
    const left = stored
      .filter(([name]) => name === key || (name.startsWith(`${key}@`) && name !== own && !tabs?.has(name.slice(key.length + 1))))
      .sort(([, a], [, b]) => (b?.savedAt ?? 0) - (a?.savedAt ?? 0));
    for (const [name] of left) {
      const draft = await store.load<V>(name);
      if (!draft) continue;
      // Two new tabs may reach for the same draft: only the one that removes it takes it.
      if (tabs) {
        let taken = false;
        await store.storage.update(name, (value) => ((taken = value !== undefined), undefined));
        if (!taken) continue;
      }
      await store.save(own, draft);
      return draft;
    }
    return undefined;
  }

  /** Removes the stored draft: the person discarded it, or the helpdesk accepted what was sent. */
  async discard(): Promise<void> {
    this.restored = false;
    this.host.requestUpdate();
    await this.saver?.discard();
  }

  /**
   * Resolves once every write asked so far is done — also one asked while the box was
   * opening: a person who submits as the form appears must find their text after a reload.
   */
  async flush(): Promise<void> {
    await this.opening;
    await this.saver?.flush();
  }

  hostConnected(): void {
    this.unwatch = drafts().storage.watchPersistence((persistent) => this.setPersistent(persistent));
    // Moved in the page: the same draft goes on (the values are still in memory).
    if (this.own && !this.saver) this.saver = drafts().saver<V>(this.own, { onSaved: ({ persistent }) => this.setPersistent(persistent) });
  }

  hostDisconnected(): void {
    this.unwatch?.();
    // Writes what is pending: a removed element may be a closed dialog the person reopens.
    void this.saver?.dispose();
    this.saver = undefined;
  }

  private setPersistent(persistent: boolean): void {
    if (persistent === this.persistent) return;
    this.persistent = persistent;
    this.host.requestUpdate();
  }
}

/** The "Draft restored · Discard" line, and the note when drafts do not survive a reload. */
export function draftNotice(t: Messages, keeper: Pick<DraftKeeper<object>, 'restored' | 'persistent'>, discard: () => void) {
  return html`${keeper.restored
    ? html`<p part="draft" class="draft hint">
        <span>${t.draft.restored}</span> ·
        <button type="button" class="link" @click=${discard}>${t.draft.discard}</button>
      </p>`
    : nothing}
  ${keeper.persistent ? nothing : html`<p part="draft" class="draft hint">${t.draft.notKept}</p>`}`;
}
