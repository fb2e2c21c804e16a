export {
  createRestExampleServer,
  REST_SESSION_COOKIE,
  type RestExampleServer,
  type RestExampleServerOptions,
  type RestFeatures,
  type RestHandler,
  type RestRequestContext,
} from './example-server.js';
export { createRestFake, RestFakeState, type RestExchange, type RestFailureKind, type RestFailureOptions, type RestFake, type RestFakeOptions } from './fake.js';
export { addRestDemoTickets } from './demo-tickets.js';
export {
  REST_CATEGORIES,
  REST_COLLEAGUE,
  REST_DEMO_PERSON,
  REST_OUTSIDER,
  REST_STATUS_LABELS,
  REST_TECHNICIAN_NAME,
  RestStore,
  type RestCategory,
  type RestDocument,
  type RestEntry,
  type RestPerson,
  type RestStatusCode,
  type RestTicket,
  type RestTicketFixture,
} from './store.js';
