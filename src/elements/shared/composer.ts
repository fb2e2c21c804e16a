/**
 * The box a person writes in before sending — the new-ticket form, the reply under a
 * ticket: the values as typed, the files chosen, the draft kept as they type, and the
 * secret check before anything goes. One controller, so that both boxes keep their
 * draft, leave secrets out of it and warn about them in the same way; the draft keeper
 * and the secret check are its parts, and it hands them the host's lifecycle.
 *
 * A change the person makes goes through `edit` and is saved; a change made by code
 * (emptying the box after a send, another ticket's box) is `quietly` made and saves nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentRules } from '../../config/index.js';
import { removeSecrets } from '../../core/advice/secrets.js';
import type { Draft } from '../../store/drafts.js';
import { ChosenFiles } from './file-picker.js';
import { DraftKeeper } from './draft.js';
import { SecretCheck, type CheckedText } from './secret-check.js';

/** A stored draft as read back: written by this version or another, so every value is checked. */
export type StoredDraft<D extends object> = Draft<Partial<Record<keyof D, unknown>>>;

export interface ComposerOptions<V extends object, F extends string, D extends object> {
  /** The values of an empty box. */
  empty: () => V;
  /** The texts the secret check reads, each under its field's name. */
  texts: (values: V) => CheckedText<F>[];
  /** `values` with `text` written into `field` ("Remove them and send" masks what it found). */
  withText: (values: V, field: F, text: string) => V;
  /** Something worth a draft was typed (chosen files are enough on their own). */
  typed: (values: V) => boolean;
  /** What the draft keeps of `values`, each text passed through `mask`: a draft never holds a secret. */
  toDraft: (values: V, mask: (text: string) => string) => D;
  /** Puts a saved draft's values back (its files are the composer's); `false`: not a draft to announce. */
  restore: (draft: StoredDraft<D>) => boolean | void;
  /** The provider's limits, which restored files go through again; undefined: none are restored. */
  rules: () => AttachmentRules | undefined;
  /** Sends, once the person answered the secret warning. */
  send: () => unknown;
}

export class Composer<V extends object, F extends string, D extends object = V> implements ReactiveController {
  /** The values as typed. Code may set them directly (nothing is saved); the person's changes go through `edit`. */
  values: V;
  readonly files = new ChosenFiles(() => {
    this.host.requestUpdate();
    this.save();
  });
  /** The draft of this box, and the "Draft restored · Discard" line's state. */
  readonly draft: DraftKeeper<D>;
  /** The hint while typing, the warning before sending, and the person's answer to it. */
  readonly secrets: SecretCheck<F>;
  /** Set while code fills or empties the box, which is not the person typing: nothing to save. */
  private quiet = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ComposerOptions<V, F, D>,
  ) {
    this.values = options.empty();
    this.draft = new DraftKeeper<D>(host, (draft) => this.restore(draft as StoredDraft<D>));
    this.secrets = new SecretCheck<F>(host, {
      texts: () => options.texts(this.values),
      replace: (field, text) => {
        this.values = options.withText(this.values, field, text);
        this.save();
      },
      send: () => options.send(),
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.draft.hostConnected();
  }

  hostDisconnected(): void {
    this.draft.hostDisconnected();
  }

  hostUpdate(): void {
    this.secrets.hostUpdate();
  }

  /** The person changed the values: shown and kept. */
  edit(values: V): void {
    this.values = values;
    this.host.requestUpdate();
    this.save();
  }

  /** Opens the draft stored under `key` (another ticket, another configuration) and restores it. */
  open(key: string): Promise<void> {
    return this.draft.open(key);
  }

  /**
   * Keeps the box as typed, files included, except text that looks like a secret (the
   * person is warned before sending anyway). A box with nothing in it keeps no draft.
   */
  save(): void {
    if (this.quiet) return;
    const { typed, toDraft } = this.options;
    const files = this.files.files;
    this.draft.save(typed(this.values) || files.length ? { values: toDraft(this.values, (text) => removeSecrets(text)), files } : undefined);
  }

  /** Makes a change that is code's, not the person's: nothing is saved. */
  quietly(change: () => void): void {
    this.quiet = true;
    try {
      change();
    } finally {
      this.quiet = false;
    }
  }

  /** Empties the box, or fills it with `values`, and drops the files; the stored draft is left as it is. */
  clear(values: V = this.options.empty()): void {
    this.quietly(() => {
      this.values = values;
      this.files.clear();
    });
  }

  /** What was sent was accepted: an empty box, every secret flagged again, and the draft gone. */
  async sent(): Promise<void> {
    this.clear();
    this.secrets.reset();
    await this.draft.discard();
  }

  /** `text` holds something that would be flagged before sending: the hint while typing. */
  flags(text: string): boolean {
    return this.secrets.flags(text);
  }

  private restore(draft: StoredDraft<D>): boolean | void {
    let restored: boolean | void = undefined;
    this.quietly(() => {
      restored = this.options.restore(draft);
      const rules = this.options.rules();
      if (restored !== false && rules && draft.files.length) this.files.add(rules, draft.files);
    });
    return restored;
  }
}
