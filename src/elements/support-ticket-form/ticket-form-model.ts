/**
 * The presentation state of `<support-ticket-form>` and its submit flow, a reactive
 * controller of the element so the templates stay readable. Holds what the person
 * typed (never cleared on failure, kept as a draft), asks the rules in `core/` what is
 * wrong, and sends through the outbox: a submitted ticket is stored with its submission
 * id before anything reaches the helpdesk, and kept for later sending when the
 * helpdesk cannot be reached. Fires the form's events on its element and moves the
 * person's focus to what needs their attention.
 */
import type { LitElement, ReactiveController } from 'lit';
import { backendAddress, type HelpdeskConfig } from '../../config/index.js';
import { HelpdeskError, toHelpdeskError, type HelpdeskErrorKind } from '../../core/errors.js';
import { TICKET_TYPES, type Category, type CreatedTicket, type EquipmentItem, type NewTicket, type TicketType } from '../../core/ticket.js';
import { URGENCIES, type Urgency } from '../../core/urgency.js';
import { localText, withTimeZone } from '../../core/text.js';
import { ccAddresses, validateTicketForm, visibleQuestions, type FieldId, type FieldProblem, type TicketFormValues } from '../../core/validation.js';
import type { HelpdeskBackend } from '../../backends/types.js';
import { emit } from '../../events/events.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { draftKey } from '../../store/drafts.js';
import { newSubmissionId, type OutboxEntry } from '../../store/outbox.js';
import { SignInFlow } from '../shared/sign-in.js';
import { Composer, type StoredDraft } from '../shared/composer.js';
import { errorDetail } from '../shared/failure.js';
import { QueuedTickets } from './queued-tickets.js';

/** `queued`: kept in the outbox, to be sent when the helpdesk is reachable. */
export type Phase = 'editing' | 'sending' | 'queued' | 'sent' | 'failed';
type Loadable<T> = { status: 'idle' | 'loading' | 'ready' | 'failed'; items: T[] };

/** Text fields the secret check reads. */
type SecretField = 'title' | 'description' | `question:${string}`;

export function emptyValues(): TicketFormValues {
  return {
    type: undefined,
    urgency: undefined,
    title: '',
    description: '',
    categoryId: undefined,
    equipmentId: undefined,
    answers: {},
    phone: '',
    followUpByEmail: true,
    followUpEmail: '',
    cc: '',
  };
}

/**
 * How an email-only provider gets the ticket (seed 002): `endpoint`, sent by the host's
 * form-post endpoint, or `mailto`, written into the person's mail client and sent from
 * there. Undefined for a helpdesk.
 */
export function emailMode({ backend }: HelpdeskConfig): 'endpoint' | 'mailto' | undefined {
  if (backend.type !== 'email') return undefined;
  return backend.endpoint ? 'endpoint' : 'mailto';
}

/**
 * What a draft of the form keeps: the values as typed (the files go beside them), and
 * the ticket's submission id once submitted, so that after a reload the same ticket
 * keeps the same id and is never created twice.
 */
export type FormDraft = TicketFormValues & {
  submissionId?: string;
  tried?: boolean;
  /** Once accepted: the ticket, when it was, and the submission it came from. */
  created?: CreatedTicket & { at: number; submission?: string };
};

/**
 * How long (ms) the confirmation of a ticket stays for the tab after it was shown: a person
 * who reloads, or closes the tab and comes back, right as it appears still learns the number.
 */
const CONFIRMATION_KEPT = 10 * 60_000;

/** Where focus goes after the render that shows what needs the person's attention. */
const FOCUS = {
  summary: '#summary',
  secrets: '#secrets',
  error: '#failure',
  'sign-in': '#login',
  success: '#success',
  queued: '#queued',
  start: '#type-incident',
} as const;

export class TicketFormModel implements ReactiveController {
  /**
   * What the person typed and chose, the files, the draft (kept as they type, without
   * secrets) and the secret check: the same composer as the thread's reply box.
   */
  readonly composer = new Composer<TicketFormValues, SecretField, FormDraft>(this.host, {
    empty: emptyValues,
    texts: (values) => this.textFields(values),
    withText: (values, field, text) =>
      field === 'title' || field === 'description'
        ? { ...values, [field]: text }
        : { ...values, answers: { ...values.answers, [field.slice('question:'.length)]: text } },
    typed: (v) => Boolean(v.type || v.urgency || v.title || v.description || v.categoryId || v.equipmentId || Object.values(v.answers).some(Boolean)),
    toDraft: (v, mask) => ({
      ...v,
      title: mask(v.title),
      description: mask(v.description),
      answers: Object.fromEntries(Object.entries(v.answers).map(([id, text]) => [id, mask(text)])),
      submissionId: this.submissionId,
      tried: this.tried,
    }),
    restore: (draft) => this.restoreDraft(draft),
    rules: () => this.config?.attachments,
    send: () => {
      this.composer.save();
      return this.submit();
    },
  });
  /** Problems shown in the summary; filled on the first send attempt, then kept current. */
  problems: FieldProblem[] = [];
  /** "More details" opened by the person (it also opens by itself when it holds something). */
  moreOpen = false;
  attempted = false;
  phase: Phase = 'editing';
  error?: HelpdeskError;
  created?: CreatedTicket;
  categories: Loadable<Category> = { status: 'idle', items: [] };
  equipment: Loadable<EquipmentItem> = { status: 'idle', items: [] };
  /**
   * The id of the ticket being written, from its first submit until the helpdesk
   * accepted it: every attempt, after failures and reloads, sends this same id.
   */
  submissionId?: string;
  /** An attempt with `submissionId` was made: it may have created the ticket. */
  private tried = false;
  readonly queue = new QueuedTickets(this.host, {
    owns: (id) => id === this.submissionId || id === this.confirmed,
    accepted: (entry, created) => this.accepted(entry, created),
    keep: (entry) => this.keepConfirmation({ failedAttachments: [], ...entry.ticket! }, entry.id),
    changed: (entries) => this.follow(entries),
    // The host hears it once per page; the ticket waits for the host to sign the person in again.
    authRequired: () => emit(this.host, 'support-auth-required', { backend: this.backend?.type ?? '' }),
  });
  /** The submission whose number a restored confirmation shows, while its outbox entry may still be there to hand over. */
  private confirmed?: string;
  /** The form's ticket waits for the host to sign the person in again (Freshdesk, REST: the host's own session). */
  waitsForHostSignIn = false;
  readonly signIn = new SignInFlow(
    this.host,
    async () => {
      this.resetLists();
      this.loadLists();
      // Queued tickets the session's end stopped go on.
      void this.queue.sender?.resume();
      if (this.sendAfterSignIn) {
        this.sendAfterSignIn = false;
        await this.submit();
      } else {
        // The sign-in block is gone: on to the form's first field.
        this.focus('start');
      }
    },
    () => this.focus('sign-in'),
  );

  private config?: HelpdeskConfig;
  private backend?: HelpdeskBackend;
  /** Where focus goes after the next render. */
  private focusing?: string;
  /** The next render shows a `mailto:` link to open in the person's mail client (email without an endpoint). */
  private openMail = false;
  private sendAfterSignIn = false;
  private categoriesFor?: TicketType;

  constructor(
    private readonly host: LitElement,
    /** The element's language: the words written into the ticket, the sentence of an error event. */
    private readonly localize: LocalizeController,
  ) {
    host.addController(this);
  }

  get values(): TicketFormValues {
    return this.composer.values;
  }

  set values(values: TicketFormValues) {
    this.composer.values = values;
  }

  /** Connects the model to a checked configuration and its adapter. */
  attach(config: HelpdeskConfig, backend: HelpdeskBackend): void {
    const changed = this.backend !== backend;
    this.config = config;
    this.backend = backend;
    if (changed) this.resetLists();
    this.signIn.showIfNeeded(backend);
    this.loadLists();
    // Per page, helpdesk and questions: another form elsewhere keeps its own draft; credentials are left out.
    void this.composer.open(draftKey({ config: { backend: config.backend, questions: config.questions }, kind: 'form' }));
    this.queue.attach(`${backend.type}:${backendAddress(config.backend)}`, backend, config.backend.timeout);
  }

  /**
   * The host set credentials again, or signed the person in to its application again:
   * the tickets a refused session stopped are sent now.
   */
  async resume(): Promise<void> {
    this.waitsForHostSignIn = false;
    await this.queue.sender?.resume();
  }

  get capabilities() {
    return this.backend?.capabilities;
  }

  get questions() {
    return this.config ? visibleQuestions(this.config.questions, this.values.type, this.values.categoryId) : [];
  }

  set<K extends keyof TicketFormValues>(key: K, value: TicketFormValues[K]): void {
    this.composer.edit({ ...this.values, [key]: value });
    if (key === 'type') this.loadLists();
    this.refreshProblems();
  }

  setAnswer(id: string, value: string): void {
    this.set('answers', { ...this.values.answers, [id]: value });
  }

  /** Whether `field` is one a person may skip, under "More details"; a field the configuration requires stays on the main path. */
  isDetail(field: FieldId): boolean {
    const config = this.config;
    if (!config) return false;
    if (field.startsWith('question:')) return config.questions.some((q) => `question:${q.id}` === field && !q.required);
    if (field === 'category' || field === 'equipment' || field === 'phone') return config.fields[field] !== 'required';
    if (field === 'cc') return true;
    return field === 'followUpEmail' && !emailMode(config);
  }

  /**
   * "More details" opened or closed by the person. The next render records it, so that a later
   * `revealDetails` is a change the template applies even after the person closed it.
   */
  showDetails(open: boolean): void {
    this.moreOpen = open;
    this.host.requestUpdate();
  }

  /** Opens "More details" when it holds a problem or something the person gave: nothing in it goes unseen. */
  private revealDetails(): void {
    const v = this.values;
    const given: [FieldId, boolean][] = [
      ...Object.entries(v.answers).map(([id, answer]): [FieldId, boolean] => [`question:${id}`, answer.trim() !== '']),
      ['category', Boolean(v.categoryId)],
      ['equipment', Boolean(v.equipmentId)],
      ['phone', v.phone.trim() !== ''],
      ['cc', v.cc.trim() !== ''],
      ['followUpEmail', !v.followUpByEmail || v.followUpEmail.trim() !== ''],
    ];
    if (this.problems.some((problem) => this.isDetail(problem.field)) || given.some(([field, filled]) => filled && this.isDetail(field))) this.moreOpen = true;
  }

  /** Replaces the text typed after the send once, so a person sees the problems as they fix them. */
  private refreshProblems(): void {
    if (this.attempted) this.problems = this.validate();
    this.host.requestUpdate();
  }

  private validate(): FieldProblem[] {
    if (!this.config) return [];
    const problems = validateTicketForm(this.values, this.config, {
      categoriesOffered: this.categories.status === 'ready' && this.categories.items.length > 0,
      equipmentOffered: this.equipment.status === 'ready' && this.equipment.items.length > 0,
      ccOffered: this.capabilities?.cc,
    });
    // Sent by an endpoint, the message reaches the person again only through the address they give.
    if (emailMode(this.config) === 'endpoint' && this.config.fields.followUp !== 'hidden' && !this.values.followUpEmail.trim()) {
      const at = problems.findIndex((problem) => problem.field === 'attachments');
      problems.splice(at < 0 ? problems.length : at, 0, { field: 'followUpEmail', reason: 'required' });
    }
    return problems;
  }

  private textFields(values: TicketFormValues): { field: SecretField; text: string }[] {
    return [
      { field: 'title', text: values.title },
      { field: 'description', text: values.description },
      ...this.questions.map((q) => ({ field: `question:${q.id}` as const, text: values.answers[q.id] ?? '' })),
    ];
  }

  /** The send button: checks, warns about secrets, asks to sign in, then sends once. */
  async submit(): Promise<void> {
    if (this.phase === 'sending' || !this.config || !this.backend) return;
    this.attempted = true;
    this.problems = this.validate();
    if (this.problems.length) {
      this.revealDetails();
      return this.show('summary');
    }

    // Read from the texts as they are now: a secret typed after "Send as it is" is flagged too.
    if (this.composer.secrets.holdsBack()) return this.show('secrets');

    if (!this.backend.hasCredentials()) {
      this.sendAfterSignIn = true;
      return this.signIn.ask();
    }
    await this.send(this.backend, this.config);
  }

  async signOut(): Promise<void> {
    await this.backend?.signOut();
    this.resetLists();
    this.signIn.ask();
  }

  /** "Open another ticket": a fresh form that keeps how to reach the person; a queued ticket stays queued. */
  startAgain(): void {
    const { phone, followUpByEmail, followUpEmail } = this.values;
    this.reset({ ...emptyValues(), phone, followUpByEmail, followUpEmail });
    // The confirmation kept for a reload is done with.
    void this.composer.draft.discard();
    // The button pressed is gone: the person goes on from the form's first field, not from the page's top.
    this.focus('start');
  }

  /** Cancels a queued ticket; the form's own comes back into the form, as typed. */
  async cancel(id: string): Promise<void> {
    if (!(await this.queue.cancel(id)) || id !== this.submissionId) return;
    this.phase = 'editing';
    this.show('start');
  }

  /** "Discard" on the restored draft: an empty form, and the stored draft removed. */
  async discardDraft(): Promise<void> {
    this.reset(emptyValues());
    this.focus('start');
    await this.composer.draft.discard();
  }

  private reset(values: TicketFormValues): void {
    this.values = values;
    this.submissionId = undefined;
    this.tried = false;
    this.composer.files.clear();
    this.problems = [];
    this.attempted = false;
    this.composer.secrets.reset();
    this.phase = 'editing';
    this.error = undefined;
    this.created = undefined;
    this.host.requestUpdate();
  }

  /**
   * Stores the ticket in the outbox under its submission id, then has the page's
   * sender send what is due. Sent: the confirmation. Not reachable (offline, 5xx,
   * 429, timeout): kept, and the person is told it will be sent. Refused: the
   * person fixes it or signs in again, and sends the same ticket again.
   */
  private async send(backend: HelpdeskBackend, config: HelpdeskConfig): Promise<void> {
    this.phase = 'sending';
    this.error = undefined;
    this.host.requestUpdate();
    const id = (this.submissionId ??= newSubmissionId());
    if (emailMode(config) === 'mailto') return this.writeMail(backend, config, id);
    const tried = this.tried;
    this.tried = true;
    // The id is on disk before anything can reach the helpdesk: a crash now still sends this ticket once.
    this.composer.save();
    await this.composer.draft.flush();
    await this.queue.keep(id, this.toNewTicket(config), tried);
    await this.queue.sender?.send();
    // Accepted during the round: `accepted` already showed it.
    if (this.submissionId === id && this.phase === 'sending') this.settle(await this.queue.sender?.box.get(id), backend, true);
  }

  /**
   * Email without an endpoint: the message goes to the person's mail client, to be sent
   * from there. Nothing reaches a server here, so nothing is kept in the outbox (there is
   * nothing to send again) and no "created" event is fired (nothing was created).
   */
  private async writeMail(backend: HelpdeskBackend, config: HelpdeskConfig, id: string): Promise<void> {
    try {
      const created = await backend.createTicket(this.toNewTicket(config), { submissionId: id });
      this.showCreated(created);
      if (created.mail) {
        this.openMail = true;
        this.host.requestUpdate();
      }
    } catch (error) {
      this.phase = 'failed';
      this.error = toHelpdeskError(error);
      this.show('error');
      this.failed(this.error);
    }
  }

  /**
   * Where the form's own ticket stands after an attempt, or a change seen in the outbox.
   * `submitted`: the person just sent it (the queued event is for that, not for a reload).
   */
  private settle(entry: OutboxEntry | undefined, backend: HelpdeskBackend, submitted = false): void {
    if (!entry) {
      // Cancelled, here or in another tab: everything typed is still in the form.
      this.phase = 'editing';
      return this.host.requestUpdate();
    }
    // Shown through the sender, which makes sure one page of one tab shows it, once.
    if (entry.state === 'sent') return void this.queue.sender?.deliver([entry]);
    if (entry.state === 'failed') return void this.refused(entry, backend);
    const already = this.phase === 'queued';
    this.phase = 'queued';
    if (entry.lastError?.kind !== 'auth') this.waitsForHostSignIn = false;
    this.error = this.queue.sender?.errorOf(entry.id);
    if (!submitted || already) return this.host.requestUpdate();
    emit(this.host, 'support-ticket-queued', { id: entry.id, backend: backend.type, reason: (entry.lastError?.kind ?? 'network') as HelpdeskErrorKind });
    this.show('queued');
  }

  /** The helpdesk refused the ticket for good: out of the outbox, back to the person with the reason. */
  private async refused(entry: OutboxEntry, backend: HelpdeskBackend): Promise<void> {
    const error =
      this.queue.sender?.errorOf(entry.id) ??
      new HelpdeskError((entry.lastError?.kind ?? 'bad-response') as HelpdeskErrorKind, { detail: entry.lastError?.message });
    if (error.kind === 'auth' && !backend.capabilities.passwordSignIn) {
      // The sign-in is the host's own (Freshdesk's relay, a REST application): nothing to ask here.
      // The ticket stays queued, the person is told, and it goes once the host signs them in again.
      const told = this.waitsForHostSignIn;
      this.waitsForHostSignIn = true;
      this.phase = 'queued';
      this.error = error;
      // The host hears `support-auth-required` from the sender, once per page.
      return told ? this.host.requestUpdate() : this.show('queued');
    }
    await this.queue.sender?.box.remove(entry.id);
    if (this.signIn.showFor(error, backend)) {
      this.phase = 'editing';
      this.sendAfterSignIn = true;
      this.show('sign-in');
    } else {
      this.phase = 'failed';
      this.error = error;
      this.show('error');
    }
    this.failed(error);
  }

  /** A ticket of this helpdesk was accepted; if it is this form's, the confirmation. */
  private accepted(entry: OutboxEntry, created: CreatedTicket): void {
    if (entry.id === this.confirmed) {
      // Its number was kept before the page that took it went away, and is shown already: the event is what is left.
      this.confirmed = undefined;
      return this.announce(created, this.backend?.type ?? entry.backend.split(':')[0]);
    }
    this.announce(created, this.backend?.type ?? entry.backend.split(':')[0]);
    if (entry.id === this.submissionId) this.showCreated(created);
  }

  /**
   * The confirmation: the submission is done with, and the draft gives way to the ticket's
   * number, which a reload shows again for a while.
   */
  private showCreated(created: CreatedTicket, submission = this.submissionId): void {
    this.created = created;
    this.phase = 'sent';
    this.submissionId = undefined;
    this.tried = false;
    this.composer.secrets.reset();
    // A mail the person's own client sends is not a ticket to show again.
    if (created.mail) void this.composer.draft.discard();
    else void this.keepConfirmation(created, submission);
    this.show('success');
  }

  /** The ticket's number in place of the draft, written now: a reload shows it again for a while. */
  private async keepConfirmation(created: CreatedTicket, submission?: string): Promise<void> {
    this.composer.draft.save({ values: { ...emptyValues(), created: { ...created, at: Date.now(), submission } } });
    await this.composer.draft.flush();
  }

  /** Follows the form's own ticket in the outbox: sent, refused or cancelled elsewhere, queued after a reload. */
  private follow(entries: OutboxEntry[]): void {
    const id = this.submissionId;
    if (!id || !this.backend || this.phase === 'sending' || this.phase === 'sent') return;
    const entry = entries.find((candidate) => candidate.id === id);
    // A restored draft whose ticket is not in the outbox: the person may send it again (same id).
    if (!entry && this.phase !== 'queued') return;
    // Its draft came from a tab that was closed: this tab shows its number now.
    if (entry) void this.queue.adopt(entry);
    this.settle(entry, this.backend);
  }

  private toNewTicket(config: HelpdeskConfig): NewTicket {
    const v = this.values;
    const lang = this.localize.lang;
    const email = emailMode(config);
    const equipment = this.equipment.items.find((item) => `${item.kind}:${item.id}` === v.equipmentId);
    return {
      type: v.type!,
      urgency: v.urgency!,
      title: v.title.trim(),
      description: v.description.trim(),
      categoryId: config.fields.category === 'hidden' ? undefined : v.categoryId || undefined,
      equipment: config.fields.equipment === 'hidden' ? undefined : equipment,
      answers: this.questions
        .filter((q) => (v.answers[q.id] ?? '').trim() !== '')
        // A date and time goes with its time zone: the helpdesk's people may be in another one.
        .map((q) => ({ id: q.id, label: localText(q.label, lang), value: q.input === 'datetime-local' ? withTimeZone(v.answers[q.id]!) : v.answers[q.id]!.trim() })),
      callbackPhone: v.phone.trim() || undefined,
      cc: this.capabilities?.cc && ccAddresses(v.cc).length ? ccAddresses(v.cc) : undefined,
      // A mail sent from the person's own client needs no address; one sent by an endpoint always does.
      followUp:
        config.fields.followUp === 'hidden' || email === 'mailto'
          ? undefined
          : { byEmail: v.followUpByEmail || email === 'endpoint', email: v.followUpByEmail || email === 'endpoint' ? v.followUpEmail.trim() || undefined : undefined },
      attachments: this.capabilities?.attachments ? this.composer.files.files : [],
      labels: this.contentLabels(v.type!, v.urgency!),
    };
  }

  /** Words written into the ticket, in the person's language (the type and urgency lines for email). */
  private contentLabels(type: TicketType, urgency: Urgency): NewTicket['labels'] {
    const t = this.localize.messages;
    return {
      callbackPhone: t.phone.label,
      type: t.list.fact(t.email.typeLabel, t.type.names[type]),
      urgency: t.list.fact(t.urgency.legend, t.urgency.names[urgency]),
      followUpEmail: t.followUp.email,
    };
  }

  /** Puts a saved draft back; anything another version wrote that does not fit is left out. */
  private restoreDraft({ values }: StoredDraft<FormDraft>): boolean {
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const created = values.created as FormDraft['created'] | undefined;
    if (created && typeof created.id === 'string') {
      // Accepted just before a reload: the number again, and no event — unless the page went away
      // before the outbox handed the ticket over, which is then done here (`accepted`), once.
      if (!(Date.now() - created.at < CONFIRMATION_KEPT)) {
        void this.composer.draft.discard();
        return false;
      }
      this.created = { id: created.id, url: text(created.url), failedAttachments: Array.isArray(created.failedAttachments) ? created.failedAttachments : [] };
      this.phase = 'sent';
      this.confirmed = text(created.submission);
      if (this.confirmed) void this.queue.refresh();
      this.host.requestUpdate();
      return false;
    }
    const answers = values.answers && typeof values.answers === 'object' ? Object.entries(values.answers) : [];
    this.values = {
      type: TICKET_TYPES.find((type) => type === values.type),
      urgency: URGENCIES.find((urgency) => urgency === values.urgency),
      title: text(values.title) ?? '',
      description: text(values.description) ?? '',
      categoryId: text(values.categoryId),
      equipmentId: text(values.equipmentId),
      answers: Object.fromEntries(answers.filter(([, answer]) => typeof answer === 'string')),
      phone: text(values.phone) ?? '',
      followUpByEmail: values.followUpByEmail !== false,
      followUpEmail: text(values.followUpEmail) ?? '',
      cc: text(values.cc) ?? '',
    };
    this.submissionId = text(values.submissionId);
    this.tried = values.tried === true;
    this.revealDetails();
    // The files come back through the composer, under the provider's limits.
    this.loadLists();
    // Its ticket may be queued, or sent since.
    void this.queue.refresh();
    this.host.requestUpdate();
    return true;
  }

  private show(target: keyof typeof FOCUS): void {
    this.host.requestUpdate();
    this.focus(target);
  }

  /** After the render that shows what needs the person's attention. */
  private focus(target: keyof typeof FOCUS): void {
    this.focusing = FOCUS[target];
    this.host.requestUpdate();
  }

  /** Once the render is done: focus goes where it was asked, and the mail link written for the person opens. */
  hostUpdated(): void {
    const root = this.host.renderRoot;
    const selector = this.focusing;
    this.focusing = undefined;
    if (selector) root.querySelector<HTMLElement>(selector)?.focus();
    if (this.openMail) {
      this.openMail = false;
      // Through the link the panel shows, so that it is the same one the person can click again.
      root.querySelector<HTMLAnchorElement>('#mailto')?.click();
    }
  }

  private announce(created: CreatedTicket, backend: string): void {
    emit(this.host, 'support-ticket-created', { id: created.id, url: created.url, backend });
  }

  private failed(error: HelpdeskError): void {
    emit(this.host, 'support-error', errorDetail(this.localize.messages, error));
  }

  private resetLists(): void {
    this.categories = { status: 'idle', items: [] };
    this.equipment = { status: 'idle', items: [] };
    this.categoriesFor = undefined;
  }

  /** Categories for the chosen type and the person's equipment, once signed in. */
  private loadLists(): void {
    const backend = this.backend;
    const config = this.config;
    if (!backend || !config || !backend.hasCredentials()) return;
    const type = this.values.type;
    if (backend.capabilities.categories && config.fields.category !== 'hidden' && type && this.categoriesFor !== type) {
      this.categoriesFor = type;
      this.categories = { status: 'loading', items: this.categories.items };
      void this.load(() => backend.listCategories(type), (result) => {
        if (this.categoriesFor !== type) return;
        this.categories = result;
        if (result.status === 'ready' && !result.items.some((c) => c.id === this.values.categoryId)) {
          this.values = { ...this.values, categoryId: undefined };
        }
      });
    }
    if (backend.capabilities.equipment && config.fields.equipment !== 'hidden' && this.equipment.status === 'idle') {
      this.equipment = { status: 'loading', items: [] };
      void this.load(() => backend.listEquipment(), (result) => (this.equipment = result));
    }
  }

  private async load<T>(fetchList: () => Promise<T[]>, apply: (result: Loadable<T>) => void): Promise<void> {
    try {
      apply({ status: 'ready', items: await fetchList() });
    } catch (caught) {
      const error = toHelpdeskError(caught);
      apply({ status: 'failed', items: [] });
      if (this.backend && this.signIn.showFor(error, this.backend, false)) this.signIn.error = error;
    }
    this.host.requestUpdate();
  }
}
