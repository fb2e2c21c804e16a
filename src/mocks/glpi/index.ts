export { createGlpiFake, type GlpiFake, type GlpiFakeOptions } from './fake.js';
export {
  COLLEAGUE,
  DEMO_USER,
  demoSeed,
  SELF_SERVICE,
  TECHNICIAN,
  TECHNICIAN_RIGHTS,
  type FakeAsset,
  type FakeCategory,
  type FakeRights,
  type FakeSeed,
  type FakeUser,
} from './seed.js';
export {
  APPROVAL,
  ASSIGNED,
  CLOSED,
  GlpiFakeState,
  NEW,
  PENDING,
  PLANNED,
  SOLUTION_ACCEPTED,
  SOLUTION_NONE,
  SOLUTION_REFUSED,
  SOLUTION_WAITING,
  SOLVED,
  type ArticleOptions,
  type FailureKind,
  type FailureOptions,
  type FakeDocument,
  type FakeArticle,
  type FakeDocumentItem,
  type FakeFollowup,
  type FakeNotification,
  type FakeObserver,
  type FakeSession,
  type FakeSolution,
  type FakeTicket,
  type GlpiVersion,
  type RecordedRequest,
  type SolutionStatusCode,
  type TicketFixture,
  type TicketStatusCode,
} from './state.js';
export { addDemoTickets } from './demo-tickets.js';
export { addHostileTicket, HOSTILE_TEXTS, hugeText } from './hostile.js';
export { encodeLikeGlpi } from './protocol.js';
export type { FakeCall, FakeSettings, Route } from './route.js';
