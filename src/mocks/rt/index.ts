/** The fake Request Tracker 5 (`createRtFake`), its state and helpers, and its demo data. */
export { createRtFake, type RtFake, type RtFakeOptions } from './fake.js';
export type { RtCall, RtRoute } from './routes.js';
export {
  RT_AGENT,
  RT_ARTICLE_CLASS,
  RT_CONTENT_FIELD,
  RT_NOBODY,
  RT_OTHER_REQUESTER,
  RT_REQUESTER,
  RT_SITE_FIELD,
  RT_SUBMISSION_FIELD,
  RT_SUPPORT_QUEUE,
  RT_SYSTEM,
  rtDemoSeed,
  type RtFakeArticleClass,
  type RtFakeArticleField,
  type RtFakeCustomField,
  type RtFakeQueue,
  type RtFakeSeed,
  type RtFakeUser,
} from './seed.js';
export {
  RT_ACTIVE,
  RT_STATUSES,
  RtFakeState,
  type RtFailureKind,
  type RtFailureOptions,
  type RtFakeArticle,
  type RtFakeAttachment,
  type RtFakeFile,
  type RtFakeMessage,
  type RtFakeSettings,
  type RtFakeTicket,
  type RtFakeTransaction,
  type RtRecordedRequest,
  type RtStatus,
  type RtTicketFixture,
  type RtTransactionType,
} from './state.js';
export { addRtDemoTickets } from './demo-tickets.js';
