/**
 * English interface text. `fr.ts` has the same keys, checked by the type system:
 * a key missing there fails the type check. Loaded only when a page needs it
 * (`translations.ts`): a French page never downloads it. Words that agree with a
 * number go through `plural()` (French puts 0 in the singular), never "(s)"; only a
 * wording for exactly one ("One file") tests `=== 1`.
 */
import type { HelpdeskErrorKind, HelpdeskErrorReason } from '../core/errors.js';
import type { Urgency, UrgencyBand } from '../core/urgency.js';
import type { StatusGroup, TicketType, ThreadEntry, ThreadSide } from '../core/ticket.js';
import type { TitleAdvice } from '../core/advice/title.js';
import type { SecretKind } from '../core/advice/secrets.js';
import type { DescribePrompt } from '../core/qqoqccp.js';
import type { FieldReason } from '../core/validation.js';
import type { AttachmentRefusal } from '../core/attachments.js';
import { plural } from './plural.js';

/** A count as written in English: 10,000. */
const n = (value: number) => value.toLocaleString('en');

export const en = {
  lang: 'en',
  form: {
    heading: 'Open a support ticket',
    intro: 'Fields marked * are required. What you type stays here until the ticket is accepted.',
    optional: 'optional',
    more: 'More details (optional)',
  },
  type: {
    legend: 'Is it an incident or a request?',
    names: { incident: 'Incident', request: 'Request' } satisfies Record<TicketType, string>,
    hints: {
      incident: 'Something is broken on an existing installation.',
      request: 'Something new: a workstation, a user account, a piece of software.',
    } satisfies Record<TicketType, string>,
  },
  urgency: {
    legend: 'Urgency',
    names: {
      'very-low': 'Very low',
      low: 'Low',
      medium: 'Medium',
      high: 'High',
      'very-high': 'Very high',
    } satisfies Record<Urgency, string>,
    chooseFirst: 'Choose the urgency: the explanation of each level appears here.',
    bands: {
      later: 'Can be planned later: no impact on the company’s work.',
      moderate: 'Few consequences in the short or medium term.',
      critical: 'Considerable impact or production stopped, with losses for the company.',
    } satisfies Record<UrgencyBand, string>,
    examplesLabel: 'Examples',
    examples: {
      later: ['an improvement that can wait', 'a question with no deadline'],
      moderate: ['a new mailbox', 'a new user', 'advice or information', 'asking for a quote'],
      critical: ['a server down', 'a computer down that leaves its user unable to work'],
    } satisfies Record<UrgencyBand, string[]>,
    honest: 'If everything is urgent, nothing is urgent: keep this level for real stoppages so they are handled first.',
  },
  contacts: {
    heading: 'How to reach us at this urgency',
    none: 'Send this ticket: it is how your request is handled.',
    ticketAlways: 'Whatever the channel, a ticket is needed: without one the request is not handled.',
    phoneInWriting: 'After a phone call, this ticket keeps the written record.',
    kinds: { email: 'Email', phone: 'Phone', url: 'Website' },
  },
  title: {
    label: 'Title',
    hint: 'A few factual words, e.g. “Mails rejected from machine@example.org”.',
    advice: {
      'too-short': 'Add a few words: what, and where?',
      'too-long': 'Keep the title short; put the details in the description.',
      shouting: 'No need for capitals or “URGENT”: the urgency level says it.',
      exclamations: 'Exclamation marks do not make it faster: describe the problem instead.',
      vague: 'Say what actually fails: which tool, which message, since when.',
    } satisfies Record<TitleAdvice, string>,
  },
  description: {
    label: 'Description',
    hint: 'As precise as possible: which account, which page, which message.',
    helpSummary: 'Help me describe it (who, what, where, when, how, how much, why)',
    insertTemplate: 'Insert these questions into the description',
    prompts: {
      who: 'Who',
      what: 'What',
      where: 'Where',
      when: 'When',
      how: 'How',
      'how-much': 'How much',
      why: 'Why',
    } satisfies Record<DescribePrompt, string>,
    promptHints: {
      who: 'who is affected, who else is involved',
      what: 'which tool or equipment (Thunderbird, workstation 15…)',
      where: 'at work, at home, on the move; which site, which building',
      when: 'date and time, to the minute for one-off events',
      how: 'under which conditions it happens',
      'how-much': 'how often, how many people or machines',
      why: 'your hypotheses, if you have any',
    } satisfies Record<DescribePrompt, string>,
    answered: 'answered',
  },
  questions: {
    heading: 'Information your provider asks for',
  },
  category: {
    label: 'Category',
    choose: 'Choose a category…',
    chooseTypeFirst: 'Choose incident or request first',
    loading: 'Loading categories…',
    failed: 'Categories could not be loaded; the technician will set one.',
    hint: 'The technician may change it.',
  },
  equipment: {
    label: 'Equipment concerned',
    none: 'Not about one of my devices',
    loading: 'Loading your equipment…',
    failed: 'Your equipment could not be loaded.',
  },
  phone: {
    label: 'Phone number to call you back',
    hint: 'A number where you can be reached directly.',
  },
  cc: {
    label: 'People to keep informed',
    hint: 'Their email addresses, separated by commas: the helpdesk copies them on its messages.',
  },
  followUp: {
    label: 'Keep me informed by email',
    email: 'Email address for follow-up',
    emailHint: 'Preferably your own address, not a shared mailbox.',
  },
  attachments: {
    label: 'Attachments',
    hint: (max: number, size: string) =>
      `${max === 1 ? `One file, ${size} at most` : `Up to ${max} files, ${size} each`}; a screenshot can also be pasted into the text.`,
    off: 'Attachments are not accepted by this helpdesk.',
    /** The drop zone, which is also the button that opens the file chooser. */
    zone: (max: number): string => (max === 1 ? 'Drop a file here, or choose it' : 'Drop files here, or choose them'),
    /** Said politely once files are taken (chosen, dropped or pasted). */
    added: (names: string[]) => `Attached: ${names.join(', ')}.`,
    /** The name of a pasted screenshot, before its date: screenshot-2026-12-07-14-30-05.png. */
    pastedName: 'screenshot',
    remove: (name: string) => `Remove ${name}`,
    /** The remove button's visible text (its name for screen readers is `remove`, which begins with it). */
    removeShort: 'Remove',
    refused: (refusal: AttachmentRefusal, size: string) => {
      switch (refusal.reason) {
        case 'too-big':
          return `“${refusal.name}” is refused: it is larger than ${size}.`;
        case 'wrong-type':
          return `“${refusal.name}” is refused: this type of file is not accepted.`;
        case 'too-many':
          return `“${refusal.name}” is refused: ${plural('en', refusal.limit ?? 0, { one: `${refusal.limit} file`, other: `${refusal.limit} files` })} at most.`;
        case 'empty':
          return `“${refusal.name}” is refused: the file is empty.`;
      }
    },
  },
  secrets: {
    heading: 'This looks like a secret',
    body: 'Never send passwords or other secrets in a ticket: anyone handling it can read them. Found:',
    kinds: {
      password: 'a password',
      'private-key': 'a private key',
      'api-token': 'an access token or API key',
      'card-number': 'a payment card number',
    } satisfies Record<SecretKind, string>,
    inline: 'What you typed looks like a secret: it will be flagged before sending.',
    remove: 'Remove them and send',
    sendAnyway: 'Send as it is',
    cancel: 'Back to the form',
  },
  submit: {
    send: 'Send the ticket',
    sending: 'Sending…',
    summaryHeading: 'The ticket is not sent yet. Please check:',
    reasons: {
      required: 'is required',
      'too-long': 'is too long',
      'invalid-email': 'is not a valid email address',
      'invalid-phone': 'is not a valid phone number',
      'invalid-number': 'must be a number',
      'invalid-date': 'is not a valid date',
    } satisfies Record<FieldReason, string>,
    typeLabel: 'Incident or request',
    failedHeading: 'The ticket could not be sent',
    kept: 'Everything you typed is still here.',
    technical: 'Technical detail',
  },
  errors: {
    auth: 'Your helpdesk did not accept the sign-in. Sign in again, then send.',
    forbidden: 'Your account is not allowed to do this on the helpdesk. Contact your provider.',
    validation: 'The helpdesk refused the ticket as it is. Check the fields, then send again.',
    'not-found': 'The helpdesk could not find what was asked for.',
    'rate-limited': 'The helpdesk is receiving too many requests. Wait a moment, then send again.',
    network: 'The helpdesk cannot be reached. Check your connection, then send again.',
    timeout: 'The helpdesk took too long to answer. Try again in a moment.',
    server: 'The helpdesk had an internal error. Try again in a moment; if it persists, call your provider.',
    'bad-response': 'The helpdesk answered something unexpected. Your provider should check its address.',
    setup: 'The helpdesk is not set up to accept this form. Tell your provider; the technical detail helps them.',
  } satisfies Record<HelpdeskErrorKind, string>,
  /** A precise cause the adapter recognised (HelpdeskError.reason): shown instead of the kind's sentence. */
  errorReasons: {
    'two-factor':
      'Your helpdesk account uses two-factor authentication, so the helpdesk does not accept its password here. Use a personal access token instead (in the helpdesk: your profile › Token Access), or ask your provider how to give one to this page.',
    'group-refused':
      'The helpdesk refuses new tickets in the group this form sends them to (setting backend.group). Tell your provider: they must open that group to customers, or set another one; the technical detail helps them.',
  } satisfies Record<HelpdeskErrorReason, string>,
  retryIn: (seconds: number) => `You can try again in ${seconds} s.`,
  success: {
    heading: (id: string) => `Ticket ${id} is registered`,
    body: 'Your provider has been notified. Keep this number to follow the ticket.',
    link: 'See the ticket on the helpdesk',
    another: 'Open another ticket',
    failedFiles: 'These files could not be attached; add them as a reply on the ticket:',
  },
  queued: {
    heading: 'Your ticket is saved and will be sent',
    /** Why it waits (the last attempt's error kind, or the device offline), then what happens next. */
    body: (kind?: HelpdeskErrorKind, offline = false) =>
      offline
        ? 'This device is offline. Your ticket is kept on it and will be sent by itself as soon as it is back online, even after a reload: there is nothing more to do.'
        : `${kind === 'rate-limited' ? 'The helpdesk is receiving too many requests right now.' : kind === 'server' ? 'The helpdesk is failing right now.' : 'The helpdesk cannot be reached right now.'} Your ticket is kept on this device and will be sent by itself as soon as the helpdesk answers again, even after a reload: there is nothing more to do.`,
    notKept: 'This browser will not keep it once the page is closed: leave this page open until it is sent.',
    hostSignIn: 'Your session has ended: sign in to your application again. Your ticket is kept and will be sent as soon as you are signed in.',
  },
  outbox: {
    heading: 'Tickets waiting to be sent',
    /** The same block once every ticket in it was sent. */
    sentHeading: 'Tickets sent meanwhile',
    waiting: 'Will be sent when the helpdesk is reachable.',
    nextAttempt: (time: string) => `Next try at ${time}.`,
    sending: 'Being sent…',
    failed: 'Not sent:',
    sent: (id: string) => `Sent: ticket ${id}.`,
    sendNow: 'Send now',
    cancel: 'Cancel',
  },
  draft: {
    restored: 'Draft restored',
    discard: 'Discard',
    notKept: 'This browser does not keep drafts: what you type here will not survive a reload.',
  },
  signIn: {
    heading: 'Sign in to your helpdesk',
    intro: 'With the login your provider gave you. Nothing you typed is lost meanwhile.',
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
    /** The helpdesk refused the login and password typed in the block. */
    refused: 'Wrong login or password: check them, then sign in again.',
    expired: 'Your session has ended: sign in again. Your ticket is kept and will be sent.',
    signOut: 'Sign out',
  },
  status: {
    groups: { open: 'Open', waiting: 'Waiting for you', solved: 'Solved', closed: 'Closed' } satisfies Record<StatusGroup, string>,
  },
  list: {
    heading: 'Your tickets',
    scopeLegend: 'Tickets shown',
    scopes: { mine: 'Mine', organisation: 'My organisation’s' },
    search: 'Find a ticket',
    searchHint: 'Its number, or words of its title.',
    filterLegend: 'Status',
    all: 'All',
    refresh: 'Refresh',
    loading: 'Loading your tickets…',
    loadingMore: (loaded: number, total?: number) => `Loading more tickets: ${n(loaded)}${total ? ` of ${n(total)}` : ''}…`,
    /** The list stopped reading before the helpdesk's last ticket. */
    cut: (loaded: number, total?: number) =>
      `${plural('en', loaded, { one: 'only the most recent', other: `only the ${n(loaded)} most recent` })}${total ? ` of ${n(total)}` : ''} ${plural('en', loaded, { one: 'is', other: 'are' })} listed here: find older tickets on the helpdesk itself`,
    shown: (shown: number, all: number) =>
      shown === all
        ? plural('en', all, { one: `${n(all)} ticket`, other: `${n(all)} tickets` })
        : `${n(shown)} of ${plural('en', all, { one: `${n(all)} ticket`, other: `${n(all)} tickets` })} shown`,
    empty: 'No ticket yet. Tickets you open appear here.',
    noMatch: 'No ticket matches this search.',
    clearFilters: 'Show all tickets',
    failedHeading: 'Your tickets could not be loaded',
    retry: 'Try again',
    number: (id: string) => `No. ${id}`,
    opened: 'Opened',
    updated: 'Updated',
    urgency: 'Urgency',
    requester: 'Requester',
    fact: (label: string, value: string) => `${label}: ${value}`,
    back: 'Back to the list',
    /** How the list of tickets is used from the keyboard (its description). */
    rowsHint: 'Up and down arrows move from ticket to ticket, Enter opens one.',
    /** When the helpdesk cannot list tickets: what the person does instead. */
    unavailable: {
      email: 'This helpdesk works by email: its answers come to your mailbox. To add information to a request, reply to the acknowledgement you received.',
      other: 'Tickets cannot be followed from here with this helpdesk: follow them on the helpdesk itself, or in the emails it sends you.',
    },
  },
  detail: {
    loading: 'Loading the ticket…',
    /** Said after the ticket was read again (page shown again, Refresh, `refresh-interval`). */
    newEntries: (count: number, author?: string) =>
      count === 1 ? `New message${author ? ` from ${author}` : ''}` : `${count} new messages`,
    statusNow: (status: string) => `Status now: ${status}`,
    nothingNew: 'No new message',
    failedHeading: 'This ticket could not be loaded',
    heading: (id: string) => `Ticket ${id}`,
    category: 'Category',
    onHelpdesk: 'See it on the helpdesk',
    threadHeading: 'History',
    kinds: { description: 'Request', followup: 'Reply', solution: 'Proposed solution' } satisfies Record<ThreadEntry['kind'], string>,
    /** Said after each author's name: the layout shows it, a screen reader hears it. */
    sides: { requester: 'requester', helpdesk: 'helpdesk' } satisfies Record<ThreadSide, string>,
    approval: {
      waiting: 'waiting for your approval',
      accepted: 'accepted',
      refused: 'refused',
    } satisfies Record<NonNullable<ThreadEntry['approval']>, string>,
    shortened: (length: number) =>
      `Long message: only its beginning is shown here (${length.toLocaleString('en')} ${plural('en', length, { one: 'character', other: 'characters' })} in all). The helpdesk has all of it.`,
    unknownAuthor: 'Helpdesk',
    documentsHeading: 'Attached files',
    download: 'Download',
    downloadFailed: (name: string) => `“${name}” could not be downloaded.`,
    solution: {
      heading: 'A solution is proposed',
      question: 'Does it solve your problem? Your answer closes or reopens the ticket.',
      approve: 'Yes, it is solved',
      refuse: 'No, it is not solved',
      reasonLabel: 'What is still wrong?',
      reasonHint: 'The technician reads it when the ticket reopens.',
      sendRefusal: 'Reopen the ticket',
      autoClose: (date: string) => `Without an answer from you, the ticket closes by itself on ${date}.`,
      /** A date reckoned from the configured delay: the helpdesk may count working days only, and closes on its own schedule. */
      autoCloseAround: (date: string) => `Without an answer from you, the ticket closes by itself around ${date}.`,
      approved: 'Thank you: the solution is approved and the ticket is closed.',
      refused: 'The ticket is reopened with your reason.',
    },
    reply: {
      heading: 'Reply',
      label: 'Your reply',
      hint: 'Answer the technician here rather than opening a new ticket.',
      send: 'Send the reply',
      sending: 'Sending…',
      sent: 'Your reply was added to the ticket.',
      empty: 'Write your reply first.',
      failedHeading: 'The reply could not be sent',
    },
    /** Adding people to keep informed (Cc) on an open ticket; the field takes `cc.label` and `cc.hint`. */
    people: {
      button: 'Add people to keep informed',
      send: 'Add them',
      invalid: 'Enter their email addresses, separated by commas.',
      done: 'They will be kept informed.',
    },
    close: {
      button: 'Close this ticket',
      confirm: 'Close it if you no longer need it. You can reopen it later.',
      yes: 'Close the ticket',
      no: 'Keep it open',
      done: 'The ticket is closed.',
    },
    reopen: {
      button: 'Reopen this ticket',
      reasonLabel: 'Why reopen it?',
      send: 'Reopen the ticket',
      done: 'The ticket is reopened.',
    },
    reasonRequired: 'Say why: the technician needs it.',
    cancel: 'Cancel',
    actionFailedHeading: 'This could not be done',
    closedNote: 'This ticket is closed: reopen it to reply.',
    followUp: {
      note: 'This ticket is closed and the helpdesk does not let it be reopened. If the problem is back, open a new ticket that refers to it.',
      button: 'Open a new ticket about this one',
      reasonLabel: 'What is wrong again?',
      send: 'Open the new ticket',
      title: (id: string, title: string) => `Follow-up of #${id}: ${title}`,
      refersTo: (id: string, url?: string) => `Follows up ticket #${id}${url ? ` (${url})` : ''}, which is closed.`,
      done: (id: string) => `Ticket ${id} is open: it refers to this one.`,
    },
  },
  config: {
    heading: 'This support form is not set up correctly',
    missing: 'No configuration: give the id of a JSON script in the config attribute, a config object, or the backend and endpoint attributes.',
    badJson: (id: string, message: string) => `The script #${id} does not hold valid JSON: ${message}`,
    notFound: (id: string) => `No <script type="application/json" id="${id}"> in the page.`,
    forAdmin: 'For the site’s administrator:',
  },
  /** An email-only provider (seed 002): the form writes one message to its support address. */
  email: {
    typeLabel: 'Type',
    mailtoIntro: (to: string) => `This form writes an email to ${to}: your mail client opens with it, ready to send.`,
    openMailClient: 'Open the message in my mail client',
    openedHeading: 'Your mail client opened with the message',
    openedBody: (to: string) => `Send it from there: nothing reaches ${to} until you do.`,
    openAgain: 'Open the message again',
    nothingOpened: 'Nothing opened, or you use webmail?',
    copyInstead: (to: string) => `Write to ${to} with this subject and this text:`,
    shortened: 'The message is too long for a mail link, so it is cut in your mail client: replace its text with the whole text below.',
    subject: 'Subject',
    text: 'Text of the message',
    copy: 'Copy the text',
    copied: 'Copied.',
    attachInMailClient: 'Files cannot be added here: attach your screenshots or logs in your mail client once it opens with the message.',
    sentHeading: (to: string) => `Your message was sent to ${to}`,
    sentBody: 'The support team answers by email.',
    replyNote: 'To add information to this request, reply to the acknowledgement you receive: a new message would open a new request.',
    replyTo: 'Your email address, for the answer',
    /** The same field named in the list of what is missing ("Your email address is required"). */
    replyToShort: 'Your email address',
    replyToHint: 'The acknowledgement and the answers come to this address.',
    outboxSent: 'Sent by email.',
  },
};

export type Messages = typeof en;
