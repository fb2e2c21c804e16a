import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { addHostileTicket, HOSTILE_TEXTS, type GlpiFake } from '../../src/mocks/index.js';
import { DEMO_USER } from '../../src/mocks/glpi/seed.js';
import type { TicketDetailElement } from '../../src/elements/ticket-detail/ticket-detail.js';
import type { HelpdeskConfigInput } from '../../src/config/index.js';
import { useGlpiFake } from '../support/glpi.js';
import { drafts } from '../../src/store/drafts.js';
import '../support/benign-errors.js';
import { $, $$, focused, glpiConfig, press, text, type } from '../support/form.js';
import { replace } from '../store/storage-helpers.js';

let fake: GlpiFake;

useGlpiFake((made) => (fake = made));

async function detailOf(id: number, config: HelpdeskConfigInput = glpiConfig(), lang = 'en'): Promise<TicketDetailElement> {
  const el = await fixture<TicketDetailElement>(html`<ticket-detail lang=${lang} ticket-id=${String(id)} .config=${config}></ticket-detail>`);
  await waitUntil(() => $(el, '#ticket-title') || $(el, '[part="failure"]'), 'the ticket loads', { timeout: 4000 });
  return el;
}

const entries = (el: TicketDetailElement) => $$(el, '[part="entry"]');
const reloaded = (el: TicketDetailElement) => waitUntil(() => !el.shadowRoot!.querySelector('[aria-busy="true"]'), 'the thread reloads');

/** A ticket the technician answered, with a private note and a file. */
function answeredTicket() {
  const { state } = fake;
  const ticket = state.addTicket({ name: 'Écran noir au démarrage', technician: 2, content: '<p>Depuis ce matin, <strong>écran noir</strong>.</p>', date: '2026-11-02 09:00:00' });
  state.addFollowup(ticket.id, { content: '<p>Pouvez-vous redémarrer ?</p>', date: '2026-11-02 10:15:00' });
  state.addFollowup(ticket.id, { content: '<p>Note interne : carte graphique HS</p>', isPrivate: true, date: '2026-11-02 10:20:00' });
  state.attachDocument(ticket.id, new File(['log line 1\nlog line 2'], 'boot.log', { type: 'text/plain' }), { date: '2026-11-02 10:30:00' });
  return ticket;
}

describe('<ticket-detail>', () => {
  it('shows the request, public replies with author and time, and attached files — never private notes', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id);
    expect(text(el, '#ticket-title')).to.equal('Écran noir au démarrage');
    expect(text(el, '.number')).to.equal(`Ticket ${ticket.id}`);
    expect(text(el, '[part="status"]')).to.equal('Processing (assigned)');
    const thread = entries(el);
    expect(thread).to.have.length(2);
    expect(thread[0].textContent).to.contain('Request');
    expect(thread[0].querySelector('strong:not(.meta strong)')?.textContent ?? thread[0].textContent).to.contain('écran noir');
    expect(thread[1].textContent).to.contain('Pouvez-vous redémarrer ?');
    expect(thread[1].querySelector('time')!.getAttribute('datetime')).to.equal(new Date(2026, 10, 2, 10, 15).toISOString());
    expect(el.shadowRoot!.textContent).not.to.contain('Note interne');
    expect(text(el, '[part="documents"]')).to.contain('boot.log');
    await expect(el).to.be.accessible();
  });

  it('downloads an attached file with its bytes', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id);
    const created: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return 'blob:test';
    };
    const click = HTMLAnchorElement.prototype.click;
    let downloaded = '';
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloaded = this.download;
    };
    try {
      ($(el, '[part="documents"] button') as HTMLButtonElement).click();
      await waitUntil(() => created.length === 1, 'the file is fetched');
      expect(await created[0].text()).to.equal('log line 1\nlog line 2');
      expect(downloaded).to.equal('boot.log');
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('sends a reply typed with the keyboard; it appears in the thread without a reload', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id);
    const updated = oneEvent(el, 'support-ticket-updated');
    await type(el, '#reply-text', 'Redémarré, toujours noir.\nLe voyant clignote <orange>.');
    await press(el, 'Tab');
    $(el, '[part="reply"] button[type="submit"]')!.focus();
    await press(el, 'Enter');
    const event = await updated;
    expect(event.detail).to.deep.equal({ id: String(ticket.id), backend: 'glpi', change: 'reply' });
    await waitUntil(() => entries(el).length === 3, 'the reply joins the thread');
    expect(entries(el)[2].textContent).to.contain('Le voyant clignote <orange>.');
    expect(text(el, '#notice')).to.equal('Your reply was added to the ticket.');
    // Its text starts at the block's padding, not a blank line below it.
    const notice = $(el, '#notice')!;
    const style = getComputedStyle(notice);
    const gap = notice.firstElementChild!.getBoundingClientRect().top - notice.getBoundingClientRect().top;
    expect(gap).to.be.at.most(parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth) + 1);
    expect(($(el, '#reply-text') as HTMLTextAreaElement).value).to.equal('');
    await waitUntil(() => focused(el)?.id === 'notice', 'focus goes to the confirmation');
  });

  it('keeps the reply and says what failed when the helpdesk errs; asks for text first', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id);
    ($(el, '[part="reply"] button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text(el, '#reply-error')).to.equal('Write your reply first.');

    await type(el, '#reply-text', 'Voici la photo.');
    fake.state.failNext('500', { endpoint: 'ITILFollowup' });
    ($(el, '[part="reply"] button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#action-failure'), 'the failure shows');
    expect(text(el, '#action-failure')).to.contain('The helpdesk had an internal error.');
    expect(($(el, '#reply-text') as HTMLTextAreaElement).value).to.equal('Voici la photo.');
    await expect(el).to.be.accessible();
  });

  it('warns before sending a password in a reply and can remove it', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id);
    await type(el, '#reply-text', 'Mon mot de passe: Sol3il!2026');
    ($(el, '[part="reply"] button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '#secrets'), 'the warning shows');
    expect(text(el, '#secrets')).to.contain('a password');
    ($(el, '#secrets button.primary') as HTMLButtonElement).click();
    await waitUntil(() => entries(el).length === 3, 'the reply is sent');
    expect(entries(el)[2].textContent).to.contain('********');
    expect(entries(el)[2].textContent).not.to.contain('Sol3il');
  });

  it('attaches files to a reply, refusing those over the limit', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id, glpiConfig({ attachments: { maxFiles: 2, maxFileSize: 1000 } }));
    const input = $(el, '#reply-files') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'.repeat(2000)], 'huge.png', { type: 'image/png' }));
    transfer.items.add(new File(['ok'], 'photo.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text(el, '#reply-files-refused')).to.contain('“huge.png” is refused');
    await type(el, '#reply-text', 'La photo du voyant.');
    ($(el, '[part="reply"] button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el, '[part="thread"]').includes('photo.png'), 'the file shows in the thread');
    expect(fake.state.documents.map((d) => d.name)).to.include('photo.png');
  });

  describe('the reply draft', () => {
    /** What a reload does: this element goes (writing its draft), a new one shows the same ticket. */
    async function reload(el: TicketDetailElement, id: number, lang = 'en'): Promise<TicketDetailElement> {
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return detailOf(id, glpiConfig(), lang);
    }
    const reply = (el: TicketDetailElement) => ($(el, '#reply-text') as HTMLTextAreaElement).value;

    it('comes back after a reload with its files and a "Draft restored · Discard" line, and goes once the reply is sent', async () => {
      const ticket = answeredTicket();
      let el = await detailOf(ticket.id);
      await type(el, '#reply-text', 'Toujours noir après redémarrage.');
      const input = $(el, '#reply-files') as HTMLInputElement;
      const transfer = new DataTransfer();
      transfer.items.add(new File(['voyant'], 'voyant.jpg', { type: 'image/jpeg' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));

      el = await reload(el, ticket.id);
      await waitUntil(() => $(el, '[part="reply"] [part="draft"]'), 'the draft is restored');
      expect(text(el, '[part="reply"] [part="draft"]')).to.equal('Draft restored · Discard');
      expect(reply(el)).to.equal('Toujours noir après redémarrage.');
      expect(text(el, '[part="reply"] .files')).to.contain('voyant.jpg');
      await expect(el).to.be.accessible();

      ($(el, '[part="reply"] button[type="submit"]') as HTMLButtonElement).click();
      await waitUntil(() => entries(el).length === 3, 'the reply is sent');
      expect(fake.state.documents.map((d) => d.name)).to.include('voyant.jpg');
      expect($(el, '[part="reply"] [part="draft"]')).not.to.exist;
      el = await reload(el, ticket.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reply(el)).to.equal('');
      expect(await drafts().storage.entries()).to.have.length(0);
    });

    it('is discarded on request, in French too', async () => {
      const ticket = answeredTicket();
      let el = await detailOf(ticket.id, glpiConfig(), 'fr');
      await type(el, '#reply-text', 'Brouillon de réponse');
      el = await reload(el, ticket.id, 'fr');
      await waitUntil(() => $(el, '[part="reply"] [part="draft"]'), 'the draft is restored');
      expect(text(el, '[part="reply"] [part="draft"]')).to.equal('Brouillon restauré · Supprimer');
      ($(el, '[part="reply"] [part="draft"] button') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(reply(el)).to.equal('');
      await waitUntil(() => focused(el)?.id === 'reply-text', 'focus goes back to the reply box');
      el = await reload(el, ticket.id, 'fr');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reply(el)).to.equal('');
    });

    it('is one per ticket: another ticket shown in the same element has its own', async () => {
      const first = answeredTicket();
      const second = fake.state.addTicket({ name: 'Souris sans fil' });
      const el = await detailOf(first.id);
      await type(el, '#reply-text', 'Réponse au premier');
      el.ticketId = String(second.id);
      await waitUntil(() => text(el, '#ticket-title') === 'Souris sans fil', 'the second ticket shows');
      expect(reply(el)).to.equal('');
      await type(el, '#reply-text', 'Réponse au second');
      el.ticketId = String(first.id);
      await waitUntil(() => text(el, '#ticket-title') === 'Écran noir au démarrage', 'the first ticket shows');
      await waitUntil(() => reply(el) === 'Réponse au premier', 'its reply comes back');
      el.ticketId = String(second.id);
      await waitUntil(() => reply(el) === 'Réponse au second', 'the second reply comes back');
    });

    it('keeps no secret', async () => {
      const ticket = answeredTicket();
      const el = await detailOf(ticket.id);
      await type(el, '#reply-text', 'Mon mot de passe: Sol3il!2026');
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stored = JSON.stringify(await drafts().storage.entries());
      expect(stored).to.contain('********');
      expect(stored).not.to.contain('Sol3il');
    });
  });

  describe('a proposed solution', () => {
    function solvedTicket() {
      const ticket = fake.state.addTicket({ name: 'Accès VPN', technician: 2, date: '2026-11-01 09:00:00' });
      fake.state.proposeSolution(ticket.id, '<p>Certificat renouvelé.</p>', { date: '2026-11-10 14:00:00' });
      return ticket;
    }

    it('asks for approval, with the date the ticket closes by itself', async () => {
      const ticket = solvedTicket();
      const el = await detailOf(ticket.id, glpiConfig({ tickets: { autoCloseDays: 7 } }));
      expect(text(el, '[part="solution"]')).to.contain('A solution is proposed');
      expect(text(el, '[part="solution"]')).to.contain('closes by itself around November 17, 2026');
      expect(text(el, '.entry.solution')).to.contain('Proposed solution (waiting for your approval)');
      await expect(el).to.be.accessible();
    });

    it('approving closes the ticket', async () => {
      const ticket = solvedTicket();
      const el = await detailOf(ticket.id);
      const updated = oneEvent(el, 'support-ticket-updated');
      ($(el, '[part="solution"] button.primary') as HTMLButtonElement).click();
      expect((await updated).detail.change).to.equal('approved');
      await waitUntil(() => text(el, '[part="status"]') === 'Closed', 'the ticket is closed');
      expect(fake.state.ticket(ticket.id)!.status).to.equal(6);
      expect(text(el, '#notice')).to.contain('the solution is approved');
      expect(text(el, '.entry.solution')).to.contain('(accepted)');
      expect($(el, '[part="reply"]')).to.equal(null);
    });

    it('refusing needs a reason, and reopens the ticket with it', async () => {
      const ticket = solvedTicket();
      const el = await detailOf(ticket.id);
      ($(el, '[part="solution"] button.secondary') as HTMLButtonElement).click();
      await waitUntil(() => focused(el)?.id === 'reason', 'focus goes to the reason');
      await press(el, 'Tab');
      await press(el, 'Enter');
      expect(text(el, '#reason-error')).to.equal('Say why: the technician needs it.');
      expect(fake.state.ticket(ticket.id)!.status).to.equal(5);
      await type(el, '#reason', 'Toujours refusé depuis la maison.');
      await press(el, 'Tab');
      await press(el, 'Enter');
      await waitUntil(() => text(el, '[part="status"]') === 'Processing (assigned)', 'the ticket reopens');
      expect(text(el, '.entry.solution')).to.contain('(refused)');
      expect(text(el, '[part="thread"]')).to.contain('Toujours refusé depuis la maison.');
    });
  });

  it('closes a ticket the person no longer needs, and reopens it with a reason', async () => {
    const ticket = fake.state.addTicket({ name: 'Souris qui grince', technician: 2 });
    const el = await detailOf(ticket.id);
    ($(el, '.closing button') as HTMLButtonElement).click();
    await waitUntil(() => focused(el)?.id === 'close-yes', 'the confirmation takes focus');
    await press(el, 'Enter');
    await waitUntil(() => text(el, '[part="status"]') === 'Closed', 'the ticket closes');
    expect(text(el, '#notice')).to.equal('The ticket is closed.');
    expect(text(el, '.base')).to.contain('This ticket is closed: reopen it to reply.');

    ($(el, '.closing button') as HTMLButtonElement).click();
    await waitUntil(() => focused(el)?.id === 'reason', 'focus goes to the reason');
    await type(el, '#reason', 'Elle grince encore.');
    await press(el, 'Tab');
    await press(el, 'Enter');
    await waitUntil(() => text(el, '[part="status"]') !== 'Closed', 'the ticket reopens');
    expect(fake.state.ticket(ticket.id)!.status).to.be.oneOf([1, 2]);
    await reloaded(el);
  });

  describe('stays current', () => {
    const live = (el: TicketDetailElement) => $(el, '[role="status"]')!.textContent!.trim();
    let restore: (() => void)[] = [];
    afterEach(() => {
      restore.forEach((undo) => undo());
      restore = [];
    });

    /** As the browser does when the person comes back to the tab. */
    function showPageAgain() {
      restore.push(replace(document, 'visibilityState', 'hidden'));
      document.dispatchEvent(new Event('visibilitychange'));
      restore.push(replace(document, 'visibilityState', 'visible'));
      document.dispatchEvent(new Event('visibilitychange'));
    }

    it('reads the ticket again when the page is shown again, and says what is new', async () => {
      const ticket = answeredTicket();
      const el = await detailOf(ticket.id);
      expect(entries(el)).to.have.length(2);
      fake.state.addFollowup(ticket.id, { content: '<p>C’est réparé, pouvez-vous vérifier ?</p>' });
      fake.state.setStatus(ticket.id, 4);
      // Read a moment ago: coming back at once asks nothing of the helpdesk.
      const asked = fake.state.requests.length;
      showPageAgain();
      await el.updateComplete;
      expect(fake.state.requests.length).to.equal(asked);
      // Read long enough ago: the thread is read again.
      (el as unknown as { readAt: number }).readAt = 0;
      showPageAgain();
      await waitUntil(() => entries(el).length === 3, 'the new answer shows');
      const author = entries(el)[1]!.querySelector('.author, strong')?.textContent?.trim();
      await waitUntil(() => live(el) !== '', 'the news is said');
      expect(live(el)).to.equal(`New message${author ? ` from ${author}` : ''}. Status now: Pending`);
      await expect(el).to.be.accessible();
    });

    it('has its own Refresh, which says when nothing is new', async () => {
      const ticket = answeredTicket();
      const el = await detailOf(ticket.id);
      fake.state.addFollowup(ticket.id, { content: '<p>Un</p>' });
      fake.state.addFollowup(ticket.id, { content: '<p>Deux</p>' });
      ($(el, '#refresh') as HTMLButtonElement).click();
      await waitUntil(() => live(el) === '2 new messages', 'two new messages are said');
      expect(entries(el)).to.have.length(4);
      ($(el, '#refresh') as HTMLButtonElement).click();
      await waitUntil(() => live(el) === 'No new message', 'nothing new is said');
    });

    it('polls at refresh-interval while the page is shown, never faster than every 15 s', async () => {
      const timers: { run: () => void; ms: number }[] = [];
      const realSetInterval = window.setInterval;
      restore.push(
        replace(window, 'setInterval', (run: () => void, ms: number, ...rest: unknown[]) => {
          if (ms >= 15_000) timers.push({ run, ms });
          return realSetInterval(() => undefined, 1e9, ...rest);
        }),
      );
      restore.push(replace(document, 'visibilityState', 'visible'));
      const ticket = answeredTicket();
      const el = await detailOf(ticket.id);
      expect(timers).to.have.length(0);
      el.refreshInterval = 5;
      await el.updateComplete;
      expect(timers.map((timer) => timer.ms)).to.deep.equal([15_000]);
      fake.state.addFollowup(ticket.id, { content: '<p>Nouvelle réponse</p>' });
      timers[0]!.run();
      await waitUntil(() => entries(el).length === 3, 'the timer reads the thread again');
      await waitUntil(() => /^New message/.test(live(el)), 'the new message is said');
      // Hidden: the timer asks nothing.
      restore.push(replace(document, 'visibilityState', 'hidden'));
      const asked = fake.state.requests.length;
      timers[0]!.run();
      await el.updateComplete;
      expect(fake.state.requests.length).to.equal(asked);
    });

    it('keeps the thread on screen, without an error, when a background reading fails', async () => {
      const ticket = answeredTicket();
      const el = await detailOf(ticket.id);
      fake.state.failNext('500');
      (el as unknown as { readAt: number }).readAt = 0;
      const asked = fake.state.requests.length;
      showPageAgain();
      await waitUntil(() => fake.state.requests.length > asked, 'the ticket is asked again');
      await reloaded(el);
      await el.updateComplete;
      expect(text(el, '#ticket-title')).to.equal('Écran noir au démarrage');
      expect($(el, '[part="failure"]')).to.equal(null);
      // Refresh, asked by the person, does say it.
      fake.state.failNext('500');
      ($(el, '#refresh') as HTMLButtonElement).click();
      await waitUntil(() => $(el, '[part="failure"]'), 'the failure is said');
    });
  });

  it('says the ticket cannot be found', async () => {
    const el = await detailOf(99999);
    expect(text(el, '[part="failure"]')).to.contain('This ticket could not be loaded');
    expect(text(el, '[part="failure"]')).to.contain('could not find');
    await expect(el).to.be.accessible();
  });

  it('speaks French, with dates in the person’s locale', async () => {
    const ticket = answeredTicket();
    const el = await detailOf(ticket.id, glpiConfig(), 'fr');
    expect(text(el, '[part="status"]')).to.equal('En cours (Attribué)');
    expect(text(el, '#thread-heading')).to.equal('Historique');
    // The day above the message, its time on it, the whole date and time in its title.
    const time = entries(el)[1].querySelector('time')!;
    expect(time.textContent).to.equal('10:15');
    expect(time.title).to.match(/2 nov\. 2026,? 10:15/);
    expect([...el.shadowRoot!.querySelectorAll('.day')].map((day) => day.textContent!.trim())).to.include('2 novembre 2026');
  });

  it('previews an image attached to the ticket, fetched with the person’s session, and keeps its download button', async () => {
    const ticket = answeredTicket();
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    fake.state.attachDocument(ticket.id, new File([png], 'capture.png', { type: 'image/png' }), { date: '2026-11-02 10:40:00' });
    const el = await detailOf(ticket.id);
    await waitUntil(() => el.shadowRoot!.querySelector('img.preview'), 'no preview');
    const image = el.shadowRoot!.querySelector<HTMLImageElement>('img.preview')!;
    expect(image.src).to.match(/^blob:/);
    expect(image.alt).to.equal('capture.png');
    await waitUntil(() => image.complete && image.naturalWidth === 1, 'the preview does not load');
    // The log stays a download button only.
    expect(el.shadowRoot!.querySelectorAll('img.preview')).to.have.length(1);
    expect(text(el, '[part="documents"]')).to.contain('boot.log');
    await expect(el).to.be.accessible();
  });

  it('reads like a conversation: the requester’s messages on one side, the helpdesk’s on the other, by day, with initials', async () => {
    const ticket = answeredTicket();
    // The person answers the technician the next day.
    fake.state.addFollowup(ticket.id, { content: '<p>Toujours noir après redémarrage.</p>', userId: DEMO_USER.id, date: '2026-11-03 08:00:00' });
    const el = await detailOf(ticket.id, glpiConfig(), 'fr');
    const shown = entries(el);
    const sides = shown.map((entry) => (entry.classList.contains('requester') ? 'requester' : 'helpdesk'));
    expect(sides).to.deep.equal(['requester', 'helpdesk', 'requester']);
    expect([...el.shadowRoot!.querySelectorAll('.day')].map((day) => day.textContent!.trim())).to.deep.equal(['2 novembre 2026', '3 novembre 2026']);
    for (const entry of shown) {
      const author = entry.querySelector('.meta strong')!.textContent!;
      const initials = entry.querySelector('.avatar')!.textContent!.trim();
      expect(initials, author).to.match(/^\p{Lu}{1,2}$/u);
      expect(author.toLocaleUpperCase().startsWith(initials[0]!), `${initials} for ${author}`).to.equal(true);
      // Laid out as a conversation: the requester's bubble ends at the right, the helpdesk's starts at the left.
      const box = entry.getBoundingClientRect();
      const bubble = entry.querySelector('.bubble')!.getBoundingClientRect();
      if (entry.classList.contains('requester')) expect(box.right - bubble.right).to.be.lessThan(box.right - box.left - bubble.width);
      // And said in words.
      expect(entry.querySelector('.meta .visually-hidden')!.textContent).to.equal(entry.classList.contains('requester') ? '(demandeur)' : '(support)');
    }
    await expect(el).to.be.accessible();
  });

  it('renders hostile backend content without running it, and keeps its layout', async function () {
    // Two 1 MB bodies go through the fake, the adapter and DOMPurify.
    this.timeout(30000);
    const w = window as unknown as { pwned?: number };
    w.pwned = 0;
    const hostile = [
      '<script>window.pwned++</script><p>texte</p>',
      '<img src=x onerror="window.pwned++">',
      '<a href="javascript:window.pwned++">lien</a> <a href="https://example.org/doc">doc</a>',
      '<svg><script>window.pwned++</script><animate onbegin="window.pwned++"/></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror="window.pwned++"></style></mglyph></table></mtext></math>',
      '&lt;img src=x onerror=&quot;window.pwned++&quot;&gt;',
      '<style>*{display:none!important}</style><div style="position:fixed;inset:0">cover</div>',
      '<iframe srcdoc="<script>parent.pwned++</script>"></iframe><form action="https://evil.example"><input name=q></form>',
      `\u202Egnp.exe\u200B ${'A'.repeat(1_000_000)}`,
    ].join('');
    const ticket = fake.state.addTicket({ name: '<b onmouseover="window.pwned++">titre</b>', content: hostile, technician: 2 });
    fake.state.addFollowup(ticket.id, { content: hostile, userId: 2 });
    const container = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
    const el = document.createElement('ticket-detail') as TicketDetailElement;
    el.setAttribute('lang', 'en');
    el.ticketId = String(ticket.id);
    el.config = glpiConfig();
    container.append(el);
    await waitUntil(() => $(el, '#ticket-title'), 'the ticket loads', { timeout: 6000 });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const root = el.shadowRoot!;
    // Compared as text: a failure message holding these elements would be megabytes long.
    const backendText = ':is(.thread, header) :is(script, img, svg, math, style, iframe, form, input, [style])';
    expect(root.querySelector(backendText)?.outerHTML.slice(0, 200)).to.equal(undefined);
    expect([...root.querySelectorAll('*')].some((node) => [...node.attributes].some((a) => a.name.startsWith('on')))).to.equal(false);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.rich a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([null, 'https://example.org/doc', null, 'https://example.org/doc']);
    expect(links[1].rel).to.equal('noopener noreferrer nofollow');
    expect(links[1].target).to.equal('_blank');
    expect(text(el, '#ticket-title')).to.equal('<b onmouseover="window.pwned++">titre</b>');
    expect(w.pwned).to.equal(0);
    expect(el.getBoundingClientRect().width).to.be.at.most(600);
    expect(root.querySelector('.rich')!.scrollWidth).to.be.at.most(600);
    expect(text(el, '.entry .hint')).to.contain('Long message: only its beginning is shown here');
  });

  it('shows a ticket whose every field is hostile (title, bodies, solution, author names, file names) without running any of it', async () => {
    const w = window as unknown as { __hostile?: number };
    delete w.__hostile;
    const ticket = addHostileTicket(fake.state);
    const el = await detailOf(ticket.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const root = el.shadowRoot!;
    const active = ':is(.thread, header, [part="solution"]) :is(script, img, svg, math, style, iframe, form, input, details, [style])';
    expect(root.querySelector(active)?.outerHTML.slice(0, 200)).to.equal(undefined);
    expect([...root.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((a) => a.name)).filter((name) => name.startsWith('on'))).to.deep.equal([]);
    for (const link of root.querySelectorAll<HTMLAnchorElement>('.rich a')) expect(link.getAttribute('href') ?? '').not.to.match(/^\s*(javascript|data):/i);
    expect(text(el, '#ticket-title')).to.contain('<script>window.__hostile=1</script>');
    expect(text(el, '.entry.followup .meta')).to.contain(HOSTILE_TEXTS[0]);
    expect(text(el, '[part="thread"] [part="documents"]')).to.contain(`${HOSTILE_TEXTS[1]}.html`);
    expect(root.textContent).not.to.contain('private');
    await expect(el).to.be.accessible();
    expect(w.__hostile).to.equal(undefined);
  });
});
