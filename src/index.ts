/**
 * support-widgets: loading this module registers every element.
 * The core rules and types are exported for hosts that want them.
 */
export * from './core/urgency.js';
export * from './core/contacts.js';
export * from './core/errors.js';
export * from './core/ticket.js';
export * from './core/config.js';
export type * from './backends/types.js';
export * from './events/events.js';
export * from './elements/index.js';
