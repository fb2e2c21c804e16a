export { createFreshdeskFake, type FreshdeskFake, type FreshdeskFakeOptions } from './fake.js';
export { addFreshdeskDemoTickets } from './demo-tickets.js';
export {
  FRESHDESK_AGENT,
  FRESHDESK_COLLEAGUE,
  FRESHDESK_DEFAULT_CUSTOM_FIELDS,
  FRESHDESK_DEFAULT_TYPES,
  FRESHDESK_REQUESTER,
  type FreshdeskFakeAgent,
  type FreshdeskFakeContact,
} from './seed.js';
export {
  FRESHDESK_CLOSED,
  FRESHDESK_DRAFT,
  FRESHDESK_OPEN,
  FRESHDESK_PENDING,
  FRESHDESK_PUBLISHED,
  FRESHDESK_RESOLVED,
  FRESHDESK_TICKET_FILES_LIMIT,
  FreshdeskFakeState,
  type FreshdeskFailureKind,
  type FreshdeskFailureOptions,
  type FreshdeskFakeAttachment,
  type FreshdeskFakeConversation,
  type FreshdeskFakeSettings,
  type FreshdeskFakeSolutionArticle,
  type FreshdeskFakeSolutionFolder,
  type FreshdeskFakeTicket,
  type FreshdeskRecordedRequest,
  type FreshdeskTicketFixture,
  type FreshdeskUpstreamCall,
} from './state.js';
