/**
 * Fault injection: hundreds of seeded, randomised scenarios in which a person
 * submits a ticket from <support-ticket-form> while the helpdesk fails in every
 * way the outbox must survive — offline at any request, 500/502/503, 429 with and
 * without Retry-After, answers too slow (the ticket created after the widget gave
 * up), answers lost or cut after the ticket was created, the form re-created
 * mid-way (a reload), a double click, two forms, another tab's sender on the same
 * outbox. Every request of a scenario goes through its own fake GLPI, which tells
 * at the end how many tickets each submission made. The suite prints tickets
 * submitted, created, lost and duplicated, and asserts 0 lost, 0 duplicates.
 *
 * Seeded: the seed is printed; FAULT_SEED (through
 * test/faults/web-test-runner.faults.config.mjs) or `?fault-seed=` on the test
 * page replays the same scenarios, FAULT_ONLY / `?fault-only=` one of them.
 */
import { expect } from '@open-wc/testing';
import { delay, getResponse, http, HttpResponse } from 'msw';
import { seededRandom } from '../../src/core/retry.js';
import { GlpiBackend } from '../../src/backends/glpi/glpi-backend.js';
import { createGlpiFake, type GlpiFake } from '../../src/mocks/index.js';
import { OutboxSender, senderOptions } from '../../src/services/outbox-sender.js';
import type { SupportTicketForm } from '../../src/elements/support-ticket-form/support-ticket-form.js';
import { createOutbox, outbox } from '../../src/store/outbox.js';
import { memoryTokenStore } from '../../src/store/session-token.js';
import '../../src/index.js';
import { useHandlers } from '../support/msw.js';
import { clearStores } from '../support/stores.js';

const DEFAULT_SEED = 20_251_121;
const DEFAULT_SCENARIOS = 200;
/** Scenarios run side by side, each on its own helpdesk. */
const PARALLEL = 12;
/** A scenario not settled by then counts its missing tickets as lost. */
const DEADLINE = 20_000;

const FAULTS = ['offline', '500', '502', '503', '429', '429-retry-after', 'late', 'slow', 'lost', 'truncated'] as const;
type Fault = (typeof FAULTS)[number];

interface Plan {
  index: number;
  forms: 1 | 2;
  /** Another tab's sender works on the same outbox meanwhile. */
  otherTab: boolean;
  doubleClick: boolean;
  /** The ticket carries a file: uploads are requests that can fail too. */
  withFile: boolean;
  /** Milliseconds after the submit when the forms are re-created, as by a reload. */
  reloadAfter?: number;
  /** What happens to the n-th request that reaches the helpdesk (null: nothing). */
  faults: (Fault | null)[];
  /** How long an `offline` fault cuts the network, in ms. */
  offlineFor: number;
}

function planOf(seed: number, index: number): Plan {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const chance = (p: number) => random() < p;
  const budget = Math.floor(random() * 6);
  const faults: (Fault | null)[] = [];
  let late = false;
  while (faults.filter(Boolean).length < budget) {
    let fault: Fault | null = chance(0.6) ? FAULTS[Math.floor(random() * FAULTS.length)]! : null;
    // One answer given up on per scenario: each costs the wait for GLPI to finish (twice the timeout).
    if (fault === 'late' && late) fault = 'lost';
    late ||= fault === 'late';
    faults.push(fault);
  }
  return {
    index,
    forms: chance(0.25) ? 2 : 1,
    otherTab: chance(0.25),
    doubleClick: chance(0.2),
    withFile: chance(0.25),
    reloadAfter: chance(0.3) ? Math.floor(random() * 1500) : undefined,
    faults,
    offlineFor: 100 + Math.floor(random() * 700),
  };
}

interface Outcome {
  plan: Plan;
  submitted: number;
  created: number;
  lost: number;
  duplicates: number;
  /** What was seen of each submission that did not end with exactly one ticket. */
  trouble: string[];
  /** How long the scenario took. */
  ms: number;
}

const PROXY_PAGE = (status: string) => `<html><head><title>${status}</title></head><body><h1>${status}</h1><hr>nginx</body></html>`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The form's model (private): where it stands (editing, sending, queued, sent, failed) and its submission id. */
const modelOf = (el: SupportTicketForm | undefined) => (el as unknown as { model?: { phase: string; submissionId?: string } } | undefined)?.model;
const phaseOf = (el: SupportTicketForm | undefined) => modelOf(el)?.phase;

class Scenario {
  readonly api: string;
  readonly fake: GlpiFake;
  readonly titles: string[];
  forms: SupportTicketForm[] = [];
  private requests = 0;
  private offlineUntil = 0;
  private pendingLate = 0;
  private faulty = true;
  /** Forms whose confirmation the person saw. */
  private confirmed = new Set<number>();
  /** How many polls in a row the person has seen their ticket given back to them (refused, or restored unsent). */
  private givenBack = new Map<number, number>();

  constructor(
    readonly plan: Plan,
    readonly seed: number,
  ) {
    this.api = `/fault-${plan.index}/apirest.php`;
    this.fake = createGlpiFake({ baseUrl: this.api });
    this.titles = Array.from({ length: plan.forms }, (_, form) => `Scenario ${seed}/${plan.index}, form ${form + 1}`);
  }

  config(form: number) {
    return {
      backend: { type: 'glpi' as const, url: this.api, auth: { userToken: 'demo-user-token' }, timeout: 1000 },
      // Two forms of one helpdesk: one outbox and one sender, but a draft each.
      questions: form ? [{ id: 'second', label: 'Second form' }] : [],
      // No lists to load: every request of the scenario is one of sending (session, ticket, search, files).
      fields: { category: 'hidden' as const, equipment: 'hidden' as const },
    };
  }

  /** Every request of this scenario's helpdesk comes here first. */
  async answer(request: Request): Promise<Response> {
    if (Date.now() < this.offlineUntil) return HttpResponse.error();
    const fault = this.faulty ? (this.plan.faults[this.requests++] ?? null) : null;
    const real = async () => (await getResponse(this.fake.handlers, request)) ?? HttpResponse.error();
    switch (fault) {
      case 'offline':
        this.offlineUntil = Date.now() + this.plan.offlineFor;
        dispatchEvent(new Event('offline'));
        setTimeout(() => dispatchEvent(new Event('online')), this.plan.offlineFor + 10);
        return HttpResponse.error();
      case '500':
        return HttpResponse.json(['ERROR_SQL', 'An SQL error occurred'], { status: 500 });
      case '502':
      case '503':
        return new HttpResponse(PROXY_PAGE(fault), { status: Number(fault), headers: { 'Content-Type': 'text/html' } });
      case '429':
        return new HttpResponse('Too Many Requests', { status: 429 });
      case '429-retry-after':
        return new HttpResponse('Too Many Requests', { status: 429, headers: { 'Retry-After': '1' } });
      case 'late':
        // Carried out after the widget's 1 s timeout: the ticket exists, the widget never heard of it.
        this.pendingLate++;
        try {
          await delay(1300);
          return await real();
        } finally {
          this.pendingLate--;
        }
      case 'slow':
        await delay(300);
        return real();
      case 'lost':
        await real();
        return HttpResponse.error();
      case 'truncated': {
        // Done, and answered with half a body: the widget cannot tell what happened.
        const response = await real();
        const text = await response.text();
        const headers = new Headers(response.headers);
        headers.delete('Content-Length');
        return new HttpResponse(text.slice(0, Math.floor(text.length / 2)), { status: response.status, headers });
      }
      default:
        return real();
    }
  }

  async open(container: HTMLElement, form: number): Promise<SupportTicketForm> {
    const el = document.createElement('support-ticket-form');
    el.lang = 'en';
    el.config = this.config(form);
    container.append(el);
    await el.updateComplete;
    return el;
  }

  /** Fills the form as a person would, through its controls' events. */
  async fill(el: SupportTicketForm, form: number): Promise<void> {
    const root = el.shadowRoot!;
    const control = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    control('#type-incident').click();
    control('#urgency-medium').click();
    for (const [selector, value] of [
      ['#field-title', this.titles[form]!],
      ['#field-description', `Submitted by the fault suite, seed ${this.seed}, scenario ${this.plan.index}.`],
    ]) {
      const input = control<HTMLInputElement>(selector!);
      input.value = value!;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    if (this.plan.withFile) {
      const input = control<HTMLInputElement>('#field-attachments');
      const transfer = new DataTransfer();
      transfer.items.add(new File([`log of scenario ${this.plan.index}`], `scenario-${this.plan.index}.log`, { type: 'text/plain' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await el.updateComplete;
  }

  private submitButton = (el: SupportTicketForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="submit"]');

  ticketsOf(form: number) {
    return this.fake.state.tickets.filter((ticket) => ticket.name === this.titles[form]);
  }

  /** Done when the person saw each confirmation and nothing is left to send, or under way to the helpdesk. */
  private async settled(): Promise<boolean> {
    if (this.pendingLate || this.confirmed.size < this.titles.length) return false;
    return (await outbox().list(`glpi:${this.api}`)).length === 0;
  }

  /**
   * What the person sees and does: a confirmation ends their part; a refusal (a bad
   * answer), or their ticket back in the form after a reload with nothing queued for
   * it, makes them send again.
   */
  private async act(): Promise<void> {
    const queued = (await outbox().list(`glpi:${this.api}`)).length > 0;
    for (const [form, el] of this.forms.entries()) {
      if (this.confirmed.has(form)) continue;
      const phase = phaseOf(el);
      const title = el.shadowRoot!.querySelector<HTMLInputElement>('#field-title')?.value ?? '';
      // Confirmed, or confirmed before a reload that then found no draft left: an empty form.
      if (phase === 'sent' || (phase === 'editing' && !title && this.ticketsOf(form).length)) {
        this.confirmed.add(form);
        continue;
      }
      const givenBack = phase === 'failed' || (phase === 'editing' && title === this.titles[form] && !queued);
      const seen = givenBack ? (this.givenBack.get(form) ?? 0) + 1 : 0;
      this.givenBack.set(form, seen);
      // Seen twice in a row: not a passing state between two steps of the form.
      if (seen >= 2 && this.submitButton(el)) {
        this.givenBack.set(form, 0);
        this.submitButton(el)!.click();
      }
    }
  }

  /**
   * Re-creates the forms, as a reload does. The old elements' code cannot be stopped
   * in-page, so the reload waits until each submission is stored (its draft holds the
   * id and its outbox entry exists) or over: a real reload before that point leaves no
   * entry, only the draft, which the person sends again.
   */
  private async reload(container: HTMLElement): Promise<void> {
    for (;;) {
      const stored = await Promise.all(
        this.forms.map(async (el) => {
          const model = modelOf(el);
          return model?.phase !== 'sending' || (model.submissionId !== undefined && (await outbox().get(model.submissionId)) !== undefined);
        }),
      );
      if (stored.every(Boolean)) break;
      await sleep(10);
    }
    const old = this.forms;
    old.forEach((el) => el.remove());
    await sleep(30);
    this.forms = await Promise.all(old.map((_, form) => this.open(container, form)));
  }

  async run(container: HTMLElement): Promise<Outcome> {
    const { plan } = this;
    const key = `glpi:${this.api}`;
    this.forms = await Promise.all(this.titles.map((_, form) => this.open(container, form)));
    await Promise.all(this.forms.map((el, form) => this.fill(el, form)));

    let otherTab: ReturnType<typeof setInterval> | undefined;
    if (plan.otherTab) {
      // Its own outbox object on the same database, its own adapter and session.
      const sender = new OutboxSender(key, createOutbox());
      sender.use(new GlpiBackend(this.config(0).backend, { tokenStore: memoryTokenStore() }), this.config(0).backend.timeout);
      otherTab = setInterval(() => void sender.send(), 250);
    }

    for (const el of this.forms) {
      this.submitButton(el)!.click();
      if (plan.doubleClick) this.submitButton(el)?.click();
    }

    const reload = plan.reloadAfter === undefined ? undefined : sleep(plan.reloadAfter).then(() => this.reload(container));

    const started = Date.now();
    let calm = false;
    for (;;) {
      await sleep(100);
      await reload;
      if (await this.settled()) break;
      await this.act();
      if (!calm && Date.now() - started > DEADLINE / 2) {
        // The faults stop: whatever is still waiting must now go through.
        calm = true;
        this.faulty = false;
        this.offlineUntil = 0;
        dispatchEvent(new Event('online'));
      }
      if (Date.now() - started > DEADLINE) break;
    }
    // Anything still under way that could create a ticket late has had time to.
    await sleep(100);
    clearInterval(otherTab);

    const trouble: string[] = [];
    let created = 0;
    let lost = 0;
    let duplicates = 0;
    const entries = await outbox().list(key);
    for (const [form, title] of this.titles.entries()) {
      const count = this.ticketsOf(form).length;
      created += Math.min(count, 1);
      if (count === 0) lost++;
      if (count > 1) duplicates += count - 1;
      if (count !== 1) {
        const phase = phaseOf(this.forms[form]);
        trouble.push(`${title}: ${count} tickets, form ${phase}, outbox ${JSON.stringify(entries.map((e) => [e.state, e.attempts, e.lastError?.kind]))}`);
      }
    }
    return { plan, submitted: this.titles.length, created, lost, duplicates, trouble, ms: Date.now() - started };
  }
}

async function settings(): Promise<{ seed: number; count: number; only?: number }> {
  const url = new URLSearchParams(location.search);
  let env: { seed?: string; scenarios?: string; only?: string } = {};
  try {
    const response = await fetch('/__fault-settings');
    if (response.ok) env = (await response.json()) as typeof env;
  } catch {
    // Run by the main configuration: no environment, the defaults.
  }
  const number = (value: string | null | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const only = number(url.get('fault-only') ?? env.only);
  return {
    seed: number(url.get('fault-seed') ?? env.seed) ?? DEFAULT_SEED,
    count: number(url.get('fault-scenarios') ?? env.scenarios) ?? DEFAULT_SCENARIOS,
    only,
  };
}

describe('fault injection: drafts, outbox and exactly-once sending', () => {
  const scenarios = new Map<string, Scenario>();

  before(async () => {
    await clearStores();
    await useHandlers(
      http.all(/\/fault-\d+\/apirest\.php\//, ({ request }) => {
        const prefix = /\/fault-\d+\/apirest\.php/.exec(new URL(request.url).pathname)![0];
        return scenarios.get(prefix)?.answer(request) ?? HttpResponse.error();
      }),
    );
  });

  after(() => {
    delete senderOptions.backoff;
  });

  it('loses no ticket and creates none twice, whatever fails', async function () {
    this.timeout(180_000);
    const { seed, count, only } = await settings();
    // Backoff replays with the seed too; short, so that hundreds of scenarios fit in a CI minute.
    senderOptions.backoff = { base: 100, cap: 800, random: seededRandom(seed ^ 0x5eed) };
    const indexes = only === undefined ? Array.from({ length: count }, (_, index) => index) : [only];
    console.log(`fault suite: seed ${seed}, ${indexes.length} scenarios (replay: FAULT_SEED=${seed}, or ?fault-seed=${seed})`);

    const started = performance.now();
    const outcomes: Outcome[] = [];
    const queue = [...indexes];
    // PARALLEL lanes, each taking the next scenario as soon as its last one is over.
    const lane = async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        const scenario = new Scenario(planOf(seed, index), seed);
        scenarios.set(scenario.api, scenario);
        const container = document.body.appendChild(document.createElement('div'));
        outcomes.push(await scenario.run(container));
        container.remove();
        scenarios.delete(scenario.api);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, lane));
    outcomes.sort((a, b) => a.plan.index - b.plan.index);

    const total = (field: 'submitted' | 'created' | 'lost' | 'duplicates') => outcomes.reduce((sum, outcome) => sum + outcome[field], 0);
    const faults = new Map<string, number>();
    for (const { plan } of outcomes) for (const fault of plan.faults) if (fault) faults.set(fault, (faults.get(fault) ?? 0) + 1);
    const trouble = outcomes.filter((outcome) => outcome.trouble.length);
    console.log(
      [
        `fault suite, seed ${seed}: ${outcomes.length} scenarios in ${Math.round((performance.now() - started) / 1000)} s`,
        `  faults injected: ${[...faults].map(([fault, n]) => `${fault} ${n}`).join(', ')}`,
        `  with a reload ${outcomes.filter((o) => o.plan.reloadAfter !== undefined).length}, two forms ${outcomes.filter((o) => o.plan.forms === 2).length}, ` +
          `another tab ${outcomes.filter((o) => o.plan.otherTab).length}, double click ${outcomes.filter((o) => o.plan.doubleClick).length}, ` +
          `a file ${outcomes.filter((o) => o.plan.withFile).length}`,
        `  scenario time: median ${[...outcomes].sort((a, b) => a.ms - b.ms)[outcomes.length >> 1]?.ms} ms, longest ${Math.max(...outcomes.map((o) => o.ms))} ms`,
        `  tickets submitted ${total('submitted')}, created ${total('created')}, lost ${total('lost')}, duplicates ${total('duplicates')}`,
        ...trouble.map((outcome) => `  scenario ${outcome.plan.index} (FAULT_ONLY=${outcome.plan.index}): ${outcome.trouble.join('; ')}`),
      ].join('\n'),
    );
    expect(outcomes.length).to.be.at.least(only === undefined ? Math.min(count, 200) : 1);
    expect(total('lost'), 'tickets lost').to.equal(0);
    expect(total('duplicates'), 'duplicate tickets').to.equal(0);
    expect(total('created')).to.equal(total('submitted'));
  });
});
