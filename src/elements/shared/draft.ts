/**
 * What the form and the reply box share to keep a draft: the person's text and
 * files saved as they type (never a credential: the sign-in fields are not part
 * of what is saved), given back on the next visit with a visible "Draft
 * restored · Discard" line, removed once the helpdesk accepted what was sent,
 * and a short note when this browser will not keep it past a reload.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { drafts, type Draft, type DraftSaver } from '../../store/drafts.js';
import type { Messages } from '../../i18n/en.js';

export class DraftKeeper<V extends object> implements ReactiveController {
  /** A saved draft was put back into the box and is still shown as such. */
  restored = false;
  /** False: this browser keeps drafts in memory only (private mode, storage refused). */
  persistent = true;

  private key?: string;
  private saver?: DraftSaver<V>;
  /** The person changed something since the box opened: a draft read late must not overwrite it. */
  private touched = false;
  private unwatch?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Puts a saved draft back into the box. */
    private readonly restore: (draft: Draft<V>) => void,
  ) {
    host.addController(this);
  }

  /** Switches to the draft stored under `key` and restores it, unless the person already typed. */
  async open(key: string): Promise<void> {
    if (key === this.key) return;
    // The previous box's pending text is written under its own key; from now on, saves go to the new one.
    void this.saver?.dispose();
    this.key = key;
    this.saver = drafts().saver<V>(key, { onSaved: ({ persistent }) => this.setPersistent(persistent) });
    this.touched = false;
    this.restored = false;
    const draft = await drafts().load<V>(key);
    if (draft && this.key === key && !this.touched) {
      this.restore(draft);
      this.restored = true;
    }
    this.setPersistent(drafts().storage.persistent);
    this.host.requestUpdate();
  }

  /** Keeps what the person typed; `undefined` when there is nothing worth keeping (the stored draft goes). */
  save(draft: { values: V; files?: readonly File[] } | undefined): void {
    this.touched = true;
    if (draft) this.saver?.save(draft);
    else void this.saver?.discard();
  }

  /** Removes the stored draft: the person discarded it, or the helpdesk accepted what was sent. */
  async discard(): Promise<void> {
    this.restored = false;
    this.host.requestUpdate();
    await this.saver?.discard();
  }

  /** Resolves once every write asked so far is done. */
  async flush(): Promise<void> {
    await this.saver?.flush();
  }

  hostConnected(): void {
    this.unwatch = drafts().storage.watchPersistence((persistent) => this.setPersistent(persistent));
    // Moved in the page: the same draft goes on (the values are still in memory).
    if (this.key && !this.saver) this.saver = drafts().saver<V>(this.key, { onSaved: ({ persistent }) => this.setPersistent(persistent) });
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
