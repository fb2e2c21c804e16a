/**
 * The people and the account settings of the fake Freshdesk: the demo requester signed in
 * on the host, a colleague of the same company, the agent who answers, and the ticket
 * form of a default account (its type choices) with a few custom text fields.
 */

/** A Freshdesk contact: a requester. Contacts and agents share one id space, as users do. */
export interface FreshdeskFakeContact {
  id: number;
  name: string;
  email: string;
  company_id: number | null;
}

export interface FreshdeskFakeAgent {
  id: number;
  name: string;
  email: string;
}

/** The person signed in on the host's page in the demo and the tests. */
export const FRESHDESK_REQUESTER: Readonly<FreshdeskFakeContact> = { id: 5001, name: 'Camille Martin', email: 'camille.martin@example.fr', company_id: 7 };

/** Someone else of the same company: their tickets must never reach the requester through the relay. */
export const FRESHDESK_COLLEAGUE: Readonly<FreshdeskFakeContact> = { id: 5002, name: 'Julien Dupont', email: 'julien.dupont@example.fr', company_id: 7 };

export const FRESHDESK_AGENT: Readonly<FreshdeskFakeAgent> = { id: 9001, name: 'Sacha Bernard', email: 'sacha.bernard@support.example.com' };

/** The type choices of a new Freshdesk account's ticket form. */
export const FRESHDESK_DEFAULT_TYPES: readonly string[] = ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund'];

/** Custom text fields of the fake's ticket form: a site, a workstation (seed 003: "Station"), the customer's reference. */
export const FRESHDESK_DEFAULT_CUSTOM_FIELDS: readonly string[] = ['cf_site', 'cf_station', 'cf_client_ref'];
