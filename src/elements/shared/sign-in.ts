/**
 * The sign-in step every element shows when the backend accepts a person's own
 * login and no credentials are at hand, or when the session ended: its state, the
 * call, and its template. The password only goes to the adapter, which drops it
 * once it has opened a session.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { toHelpdeskError, type HelpdeskError } from '../../core/errors.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import type { Messages } from '../../i18n/en.js';
import { errorSentence } from './failure.js';

/** Fired on `window` when a person signed in through any element: the others on that helpdesk stop asking. */
const SIGNED_IN = 'support-widgets:signed-in';

export class SignInFlow implements ReactiveController {
  /** The sign-in block is shown. */
  shown = false;
  /** The helpdesk the block is shown for. */
  private backend?: HelpdeskBackend;
  busy = false;
  /** Shown because a session ended while the person was working. */
  expired = false;
  error?: HelpdeskError;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Called once the person signed in (reload what needed a session, send what waited). */
    private readonly signedIn: () => unknown,
    /** Called when the block needs the person's attention (shown, or refused the password). */
    private readonly attention: () => void,
  ) {
    host.addController(this);
  }

  /** Another element signed in on the same helpdesk (one adapter per configuration): go on as if this one had. */
  private readonly onSignedIn = (event: Event) => {
    if (!this.shown || this.busy || (event as CustomEvent<HelpdeskBackend>).detail !== this.backend) return;
    this.hide();
    void this.signedIn();
  };

  hostConnected(): void {
    window.addEventListener(SIGNED_IN, this.onSignedIn);
  }

  hostDisconnected(): void {
    window.removeEventListener(SIGNED_IN, this.onSignedIn);
  }

  /** Shows the block when the backend has no credentials but can take the person's own. */
  showIfNeeded(backend: HelpdeskBackend): boolean {
    this.backend = backend;
    this.shown = !backend.hasCredentials() && backend.capabilities.passwordSignIn;
    this.host.requestUpdate();
    return this.shown;
  }

  /**
   * After a call failed: shows the block when the failure means "sign in again" and the
   * person can (focus is the caller's choice). Returns whether it did.
   */
  showFor(error: HelpdeskError, backend: HelpdeskBackend, expired = true): boolean {
    if (error.kind !== 'auth' || !backend.capabilities.passwordSignIn) return false;
    this.backend = backend;
    this.shown = true;
    this.expired = expired;
    // A precise cause (a password refused for a two-factor account) says what to do instead.
    if (error.reason) this.error = error;
    this.host.requestUpdate();
    return true;
  }

  /** Asks for sign-in before an action that needs a session. */
  ask(): void {
    this.shown = true;
    this.host.requestUpdate();
    this.attention();
  }

  hide(): void {
    this.shown = this.busy = this.expired = false;
    this.error = undefined;
    this.host.requestUpdate();
  }

  async submit(backend: HelpdeskBackend, login: string, password: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await backend.signIn({ login, password });
      this.hide();
      window.dispatchEvent(new CustomEvent(SIGNED_IN, { detail: backend }));
      await this.signedIn();
    } catch (error) {
      this.busy = false;
      this.error = toHelpdeskError(error);
      this.host.requestUpdate();
      this.attention();
    }
  }

  /** The block: login, password and the button; `#login` is where focus goes. */
  render(t: Messages, backend: HelpdeskBackend) {
    if (!this.shown) return nothing;
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const login = (form.elements.namedItem('login') as HTMLInputElement).value.trim();
      const password = form.elements.namedItem('password') as HTMLInputElement;
      void this.submit(backend, login, password.value).then(() => {
        if (!this.error) password.value = '';
      });
    };
    return html`
      <section part="sign-in" class="panel sign-in" aria-labelledby="sign-in-heading">
        <h3 id="sign-in-heading">${t.signIn.heading}</h3>
        <p id="sign-in-intro" class=${this.expired ? 'warning' : 'hint'}>${this.expired ? t.signIn.expired : t.signIn.intro}</p>
        ${this.error
          ? html`<p class="error" id="sign-in-error" role="alert">${this.error.kind === 'auth' ? t.signIn.refused : errorSentence(t, this.error)}</p>`
          : nothing}
        <form @submit=${onSubmit} aria-describedby=${this.error ? 'sign-in-intro sign-in-error' : 'sign-in-intro'}>
          <div class="sign-in-fields">
            <div class="field">
              <label for="login">${t.signIn.login}</label>
              <input part="input" id="login" name="login" autocomplete="username" required />
            </div>
            <div class="field">
              <label for="password">${t.signIn.password}</label>
              <input part="input" id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>
              ${this.busy ? t.signIn.signingIn : t.signIn.submit}
            </button>
          </div>
        </form>
      </section>
    `;
  }
}
