/** The fake Zammad (`createZammadFake`), its state and helpers, and its demo data. */
export { createZammadFake, type ZammadFake, type ZammadFakeOptions } from './fake.js';
export type { ZammadCall, ZammadFakeSettings, ZammadGuestCall, ZammadRoute } from './routes.js';
export {
  ZAMMAD_AGENT,
  ZAMMAD_ARTICLE_TYPES,
  ZAMMAD_COLLEAGUE,
  ZAMMAD_CUSTOMER,
  ZAMMAD_NOBODY,
  ZAMMAD_OUTSIDER,
  ZAMMAD_SENDERS,
  zammadDefaultPriorities,
  zammadDefaultStates,
  zammadDemoSeed,
  type ZammadFakeGroup,
  type ZammadFakeOrganization,
  type ZammadFakePriority,
  type ZammadFakeSeed,
  type ZammadFakeTicketState,
  type ZammadFakeUser,
  type ZammadStateType,
} from './seed.js';
export {
  attachmentOf as zammadAttachmentOf,
  ZammadFakeState,
  type NewZammadArticle,
  type ZammadFailureKind,
  type ZammadFailureOptions,
  type ZammadFakeArticle,
  type ZammadFakeAttachment,
  type ZammadFakeKbAnswer,
  type ZammadFakeKnowledgeBase,
  type ZammadFakeTicket,
  type ZammadKbAnswerState,
  type ZammadRecordedRequest,
  type ZammadSender,
  type ZammadTicketFixture,
} from './state.js';
export { addZammadDemoTickets } from './demo-tickets.js';
