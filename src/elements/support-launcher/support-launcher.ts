/**
 * `<support-launcher>`: a floating button that opens a panel with the ticket form and the
 * person's tickets — a side panel on a wide screen, a modal dialog on a phone.
 *
 * It is its own small piece: no Lit, no configuration check, no strings pack. Until it is
 * opened a page pays for this file alone; the form and the list are imported at the first
 * opening (and each only when its tab is shown), with the configuration handed over as
 * it was given. The badge counts the tickets that wait for the person (an answer asked, a
 * solution to approve): the host may set it (`waiting`), and the list says it once it has
 * read the tickets (`support-tickets-listed`); the count is kept for the tab's session,
 * so that the next page shows it without loading anything.
 */

type Tab = 'form' | 'tickets';

// Tags the build's template minifier knows (vite.config.ts): the markup and the styles go out minified.
const css = String.raw;
/**
 * Markup that takes no expression: `${…}` in it does not compile (`never`), so what goes to
 * innerHTML is always this file's own fixed text, never a value of the page, the host or the
 * helpdesk. There is nothing to sanitise; texts go in by textContent.
 */
const html = (strings: TemplateStringsArray, ...none: never[]): string => String.raw(strings, ...none);

const TEXTS = {
  en: {
    label: 'Help',
    title: 'Support',
    form: 'New ticket',
    tickets: 'My tickets',
    close: 'Close',
    waiting: (count: number) => (count === 1 ? '1 ticket waits for you' : `${count} tickets wait for you`),
    failed: 'Not loaded: check your connection, then open it again.',
  },
  fr: {
    label: 'Aide',
    title: 'Support',
    form: 'Nouveau ticket',
    tickets: 'Mes tickets',
    close: 'Fermer',
    waiting: (count: number) => (count < 2 ? `${count} ticket attend votre réponse` : `${count} tickets attendent votre réponse`),
    failed: 'Chargement impossible : vérifiez votre connexion, puis rouvrez.',
  },
};

/**
 * Wide enough for a side panel beside the page; narrower, the panel is a modal dialog over it.
 * Written out again in STYLES' media query: the build's CSS minifier cannot keep an expression there.
 */
const WIDE = '(min-width: 48rem)';

// The page's `--support-*` values, their `-dark` twins in dark mode (`light-dark()`, from `color-scheme`).
const STYLES = css`
:host {
  color-scheme: light dark;
  --_primary: light-dark(var(--support-color-primary, #1f5fbf), var(--support-color-primary-dark, #8ab4f8));
  --_on-primary: light-dark(var(--support-color-on-primary, #fff), var(--support-color-on-primary-dark, #0b1a33));
  --_surface: light-dark(var(--support-color-surface, #fff), var(--support-color-surface-dark, #16191d));
  --_text: light-dark(var(--support-color-text, #1c2024), var(--support-color-text-dark, #e6e9ec));
  --_border: light-dark(var(--support-color-border, #8a939d), var(--support-color-border-dark, #6d7781));
  --_offset: var(--support-launcher-offset, 1.25rem);
  font: var(--support-font-size, 1rem) var(--support-font-family, system-ui, sans-serif);
}
:host([theme=light]) { color-scheme: light }
:host([theme=dark]) { color-scheme: dark }
button { font: inherit; cursor: pointer; color: inherit; background: none; border: none }
:focus-visible { outline: 3px solid var(--_primary); outline-offset: 2px }
.launcher {
  position: fixed; bottom: var(--_offset); right: var(--_offset); z-index: 2147483000;
  display: flex; align-items: center; gap: .5em; padding: .75em 1.1em; border-radius: 99em;
  background: var(--_primary); color: var(--_on-primary); font-weight: 600; box-shadow: 0 4px 14px #0004;
}
:host([position=bottom-left]) .launcher { right: auto; left: var(--_offset) }
.badge { min-width: 1.5em; border-radius: 99em; line-height: 1.5em; text-align: center; background: var(--_on-primary); color: var(--_primary); font-size: .85em }
.hidden-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap }
dialog {
  box-sizing: border-box; padding: 0; border: 0; margin: 0; width: 100vw; max-width: 100vw; height: 100dvh; max-height: 100dvh;
  background: var(--_surface); color: var(--_text);
}
dialog[open] { display: flex; flex-direction: column }
dialog::backdrop { background: #0006 }
@media (min-width: 48rem) {
  dialog { position: fixed; inset: 0 0 0 auto; z-index: 2147483001; width: min(34rem, 100vw); border-left: 1px solid var(--_border); box-shadow: -6px 0 24px #0003 }
  :host([position=bottom-left]) dialog { inset: 0 auto 0 0; border: 0; border-right: 1px solid var(--_border) }
}
.top { display: flex; align-items: center; justify-content: space-between; padding: .75em 1em 0 }
h2 { margin: 0; font-size: 1.25em }
/* The title takes focus when the panel opens, for screen readers to start there: no ring on a heading (:focus-visible would draw one). */
#title:focus { outline: none }
.close { font-size: 1.6em; line-height: 1; padding: .1em .35em }
[role=tablist] { display: flex; padding: .5em 1em 0; border-bottom: 1px solid var(--_border) }
[role=tab] { padding: .5em .75em; border-bottom: 3px solid transparent }
[role=tab][aria-selected=true] { border-bottom-color: var(--_primary); font-weight: 600 }
[role=tabpanel] { overflow: auto; flex: 1 }
.failed { margin: 1em }
`;

/**
 * The element's markup, with no expression in it: nothing from the page, the host or the
 * helpdesk ever goes through innerHTML here. Not a Lit template (no Lit in this piece): its
 * texts are written by #write().
 */
/* eslint-disable lit-a11y/accessible-name */
const SHELL = html`
<button part="button" class="launcher" aria-haspopup="dialog" aria-expanded="false">
  <span class="label"></span><span class="badge" part="badge" aria-hidden="true" hidden></span><span class="hidden-text"></span>
</button>
<dialog part="panel" aria-labelledby="title">
  <div class="top"><h2 id="title" tabindex="-1"></h2><button class="close" part="close">×</button></div>
  <div role="tablist">
    <button role="tab" id="tab-form" aria-controls="form" aria-selected="true"></button>
    <button role="tab" id="tab-tickets" aria-controls="tickets" aria-selected="false" tabindex="-1"></button>
  </div>
  <div role="tabpanel" id="form" aria-labelledby="tab-form"></div>
  <div role="tabpanel" id="tickets" aria-labelledby="tab-tickets" hidden></div>
</dialog>`;
/* eslint-enable lit-a11y/accessible-name */

let sheet: CSSStyleSheet | undefined;

/**
 * @summary A floating button that opens the form and the person's tickets in a panel.
 *
 * @attr config - The id of the shared configuration's JSON `<script>` (or set the `config` property to an object).
 * @attr lang - The interface language (`fr`, `en`); else the page's.
 * @attr label - The button's words, instead of "Aide" / "Help".
 * @attr position - `bottom-right` (default) or `bottom-left`.
 * @attr waiting - How many tickets wait for the person, when the host knows it: the badge.
 * @attr theme - `light` or `dark`; else `prefers-color-scheme`.
 *
 * @fires support-launcher-open - The panel opened.
 * @fires support-launcher-close - The panel closed.
 *
 * @csspart button - The floating button.
 * @csspart badge - The count of tickets that wait for the person.
 * @csspart panel - The panel (a `<dialog>`).
 * @csspart close - The panel's close button.
 *
 * @cssproperty --support-launcher-offset - Distance of the button from the window's edges (1.25rem).
 *
 * @tag support-launcher
 */
export class SupportLauncher extends HTMLElement {
  static observedAttributes = ['lang', 'label', 'waiting'];

  /** The shared configuration, as `<support-ticket-form>` takes it: the id of a JSON `<script>`, or (as a property) an object. */
  config?: unknown;
  /** Credentials the host holds, handed to the form and the list. */
  credentials?: unknown;

  #root = this.attachShadow({ mode: 'open' });
  #button!: HTMLButtonElement;
  #dialog!: HTMLDialogElement;
  #tab: Tab = 'form';
  #waiting = 0;
  /** Settled once the form's and the list's code is in (first opening). */
  #loading?: Promise<unknown>;

  connectedCallback(): void {
    if (this.#button) return;
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(STYLES);
    this.#root.adoptedStyleSheets = [sheet];
    // The shell is fixed markup (SHELL): every text, the host's `label` included, goes in by textContent (#write).
    this.#root.innerHTML = SHELL;
    this.#button = this.#q<HTMLButtonElement>('.launcher');
    this.#dialog = this.#q<HTMLDialogElement>('dialog');
    this.#button.addEventListener('click', () => (this.#dialog.open ? this.close() : this.open()));
    this.#q('.close').addEventListener('click', () => this.close());
    // A modal dialog's Escape is its `cancel`; the side panel listens itself.
    this.#dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.close();
    });
    this.#dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
    const tabs = [...this.#root.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    tabs.forEach((tab, index) => {
      tab.addEventListener('click', () => this.#show(index ? 'tickets' : 'form'));
      tab.addEventListener('keydown', (event) => {
        // Two tabs: either arrow goes to the other one.
        if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
        event.preventDefault();
        const next = 1 - index;
        this.#show(next ? 'tickets' : 'form');
        tabs[next].focus();
      });
    });
    // Said by the list once it has read the tickets; kept for this tab's next pages.
    this.#dialog.addEventListener('support-tickets-listed', (event) => {
      const waiting = (event as CustomEvent<{ waiting: number }>).detail.waiting;
      this.#setWaiting(waiting);
      try {
        sessionStorage.setItem(this.#storageKey(), String(waiting));
      } catch {
        // storage refused (private mode): the badge lasts this page
      }
    });
    let kept: string | null = null;
    try {
      kept = sessionStorage.getItem(this.#storageKey());
    } catch {
      // storage refused
    }
    this.#setWaiting(Number(this.getAttribute('waiting') ?? kept ?? 0));
    this.#write();
  }

  attributeChangedCallback(name: string): void {
    if (!this.#button) return;
    if (name === 'waiting') this.#setWaiting(Number(this.getAttribute('waiting') ?? 0));
    else this.#write();
  }

  /** Whether the panel is open. */
  get isOpen(): boolean {
    return Boolean(this.#dialog?.open);
  }

  /** Opens the panel on the form (or on the tickets, `open('tickets')`); fires `support-launcher-open`. */
  async open(tab: Tab = this.#tab): Promise<void> {
    if (!this.#button) return;
    if (!this.#dialog.open) {
      if (matchMedia(WIDE).matches) this.#dialog.show();
      else this.#dialog.showModal();
      this.#button.setAttribute('aria-expanded', 'true');
      this.dispatchEvent(new CustomEvent('support-launcher-open', { bubbles: true, composed: true }));
    }
    (this.#root.getElementById('title') as HTMLElement).focus();
    await this.#show(tab);
  }

  /** Closes the panel (what was typed stays in the form) and gives focus back to the button; fires `support-launcher-close`. */
  close(): void {
    if (!this.#dialog?.open) return;
    this.#dialog.close();
    this.#button.setAttribute('aria-expanded', 'false');
    this.#button.focus();
    this.dispatchEvent(new CustomEvent('support-launcher-close', { bubbles: true, composed: true }));
  }

  #q<E extends Element = HTMLElement>(selector: string): E {
    return this.#root.querySelector<E>(selector)!;
  }

  #text() {
    const tag = (this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en').toLowerCase();
    return tag.startsWith('fr') ? TEXTS.fr : TEXTS.en;
  }

  #write(): void {
    const t = this.#text();
    const set = (selector: string, text: string) => (this.#q(selector).textContent = text);
    set('.label', this.getAttribute('label') || t.label);
    set('h2', t.title);
    set('#tab-form', t.form);
    set('#tab-tickets', t.tickets);
    this.#q('.close').setAttribute('aria-label', t.close);
    this.#setWaiting(this.#waiting);
  }

  #setWaiting(count: number): void {
    this.#waiting = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
    const badge = this.#q('.badge');
    badge.hidden = !this.#waiting;
    badge.textContent = this.#waiting ? String(this.#waiting) : '';
    this.#q('.hidden-text').textContent = this.#waiting ? `, ${this.#text().waiting(this.#waiting)}` : '';
  }

  #storageKey(): string {
    return `support-widgets:waiting:${location.pathname}#${typeof this.config === 'string' ? this.config : (this.getAttribute('config') ?? '')}`;
  }

  /** Shows a tab, loading its element the first time. */
  async #show(tab: Tab): Promise<void> {
    this.#tab = tab;
    for (const name of ['form', 'tickets'] as const) {
      const selected = name === tab;
      const button = this.#root.getElementById(`tab-${name}`)!;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      this.#root.getElementById(name)!.hidden = !selected;
    }
    const panel = this.#root.getElementById(tab)!;
    // Built already (the failure message aside, which the next opening replaces by a new try).
    const built = () => Boolean(panel.firstElementChild && !panel.querySelector('.failed'));
    if (built()) return;
    try {
      this.#loading ??= Promise.all([import('../../support-ticket-form.js'), import('../../ticket-list.js')]);
      await this.#loading;
    } catch {
      this.#loading = undefined;
      const failed = document.createElement('p');
      failed.className = 'failed';
      failed.setAttribute('role', 'alert');
      failed.textContent = this.#text().failed;
      panel.replaceChildren(failed);
      return;
    }
    // Another call built it meanwhile.
    if (built()) return;
    const element = document.createElement(tab === 'form' ? 'support-ticket-form' : 'ticket-list') as HTMLElement & { config?: unknown; credentials?: unknown };
    element.config = this.config ?? this.getAttribute('config') ?? undefined;
    if (this.credentials) element.credentials = this.credentials;
    for (const name of ['lang', 'theme']) {
      const value = this.getAttribute(name);
      if (value) element.setAttribute(name, value);
    }
    panel.replaceChildren(element);
  }
}
