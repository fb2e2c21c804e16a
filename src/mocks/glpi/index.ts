export { createGlpiFake, type GlpiFake, type GlpiFakeOptions } from './fake.js';
export { DEMO_USER, demoSeed, type FakeAsset, type FakeCategory, type FakeSeed, type FakeUser } from './seed.js';
export {
  GlpiFakeState,
  type FailureKind,
  type FailureOptions,
  type FakeDocument,
  type FakeDocumentItem,
  type FakeSession,
  type FakeTicket,
  type RecordedRequest,
} from './state.js';
export type { FakeCall, FakeSettings, Route } from './route.js';
