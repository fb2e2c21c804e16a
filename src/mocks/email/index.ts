export { createEmailFake, EmailFakeState, type EmailFailureKind, type EmailFailureOptions, type EmailFake, type EmailFakeOptions, type SentEmail } from './fake.js';
