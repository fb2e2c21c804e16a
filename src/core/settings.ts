/**
 * What the page's configuration says beyond the helpdesk: contact channels, extra questions,
 * which fields the form shows, attachment limits, the ticket list. The rules read these;
 * the whole configuration (`src/config/`) adds the helpdesk's `backend` to them.
 */
import * as z from 'zod/mini';
import { URGENCIES } from './urgency.js';
import { TICKET_TYPES } from './ticket.js';
import { localText, nonEmpty, urlProblem, wholeNumber } from './schema.js';

const contactSchema = z
  .strictObject({
    kind: z.enum(['email', 'phone', 'url']),
    label: localText,
    value: nonEmpty(),
    from: z._default(z.enum(URGENCIES), 'very-low'),
    note: z.optional(localText),
  })
  .check(
    // A `url` channel's value is the link's `href` as it is (`contactHref`): the same rule as every URL of the
    // configuration. An empty one is already reported as such.
    z.refine((contact) => contact.kind !== 'url' || contact.value.trim() === '' || urlProblem(contact.value) === undefined, {
      path: ['value'],
      error: (issue) => urlProblem((issue.input as { value: string }).value),
    }),
  );

const questionSchema = z.strictObject({
  /** Stable identifier, used for the answer and the field's id. */
  id: z.string().check(z.refine((id) => /^[A-Za-z][\w-]*$/.test(id), 'must use letters, digits, "-" or "_", starting with a letter')),
  label: localText,
  help: z.optional(localText),
  input: z._default(z.enum(['text', 'textarea', 'number', 'date', 'datetime-local']), 'text'),
  required: z._default(z.boolean(), false),
  /** Show the question only for this ticket type and/or these category ids. */
  onlyFor: z.optional(
    z.strictObject({
      type: z.optional(z.enum(TICKET_TYPES as ['incident', 'request'])),
      categories: z.optional(z.array(z.union([nonEmpty(), z.number()]))),
    }),
  ),
});

const fieldMode = z.enum(['required', 'optional', 'hidden']);

/** Every key of the configuration but `backend`, in the order problems are reported. */
export const pageSettings = {
  contacts: z._default(z.array(contactSchema), []),
  questions: z._default(z.array(questionSchema), []),
  fields: z._default(
    z.strictObject({
      category: z._default(fieldMode, 'optional'),
      equipment: z._default(fieldMode, 'optional'),
      phone: z._default(fieldMode, 'optional'),
      followUp: z._default(z.enum(['optional', 'hidden']), 'optional'),
    }),
    { category: 'optional', equipment: 'optional', phone: 'optional', followUp: 'optional' },
  ),
  attachments: z._default(
    z.strictObject({
      maxFiles: z._default(wholeNumber(0, 50), 5),
      /** Per file, in bytes. Seed 001: 2 MB. */
      maxFileSize: z._default(wholeNumber(1, 2 ** 31), 2 * 1024 * 1024),
      /** File extensions (".pdf") or MIME types ("image/*"); empty means any. */
      accept: z._default(z.array(nonEmpty()), []),
    }),
    { maxFiles: 5, maxFileSize: 2 * 1024 * 1024, accept: [] },
  ),
  /** The ticket list and thread (`<ticket-list>`, `<ticket-detail>`). */
  tickets: z._default(
    z.strictObject({
      /** Offer the organisation's tickets beside the person's own, where the backend allows it. */
      organisation: z._default(z.boolean(), false),
      /** Days after which a solved ticket closes by itself (seed 004: 7), shown on solved tickets. */
      autoCloseDays: z.optional(wholeNumber(1, 365)),
      /** Tickets asked of the backend per request. */
      pageSize: z._default(wholeNumber(10, 1000), 100),
    }),
    { organisation: false, pageSize: 100 },
  ),
  /**
   * Answers before tickets: the helpdesk's articles, and the person's own open tickets, suggested
   * under the description as the problem is typed. Off by default: its piece is then never loaded.
   */
  articles: z._default(
    z.strictObject({
      enabled: z._default(z.boolean(), false),
      /** Suggestions shown at most. */
      max: z._default(wholeNumber(1, 10), 3),
      /** Letters and digits typed before anything is searched. */
      minChars: z._default(wholeNumber(1, 50), 3),
    }),
    { enabled: false, max: 3, minChars: 3 },
  ),
};

/** The configuration's settings once checked, defaults filled in. */
export type PageSettings = { [K in keyof typeof pageSettings]: z.infer<(typeof pageSettings)[K]> };
export type ConfiguredQuestion = PageSettings['questions'][number];
export type FieldSettings = PageSettings['fields'];
export type AttachmentRules = PageSettings['attachments'];
export type TicketsConfig = PageSettings['tickets'];
export type ArticlesConfig = PageSettings['articles'];
