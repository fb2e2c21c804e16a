/**
 * `support-widgets/mocks`: stateful fakes of the helpdesks as msw 2 handlers,
 * for the demo and for integrators' own tests.
 */
export * from './glpi/index.js';
export * from './rest/index.js';
export * from './zammad/index.js';
export * from './freshdesk/index.js';
export * from './email/index.js';
export * from './rt/index.js';
export * from './articles.js';
