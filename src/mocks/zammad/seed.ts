/**
 * What a fresh Zammad holds, as its database seeds create it (ids included: an
 * instance keeps them unless an admin changes them, but adapters must not count on
 * that, so the fake can be given others): the ticket states with their state types,
 * the three priorities, the article types and senders, and the demo's people.
 */

/** Zammad's state types; a state's behaviour comes from its type, not from its name. */
export type ZammadStateType = 'new' | 'open' | 'pending reminder' | 'pending action' | 'closed' | 'merged' | 'removed';

export interface ZammadFakeTicketState {
  id: number;
  name: string;
  state_type: ZammadStateType;
  /** Where a pending state goes when its time comes (pending close → closed). */
  next_state_id: number | null;
  /** The state a new ticket gets. */
  default_create: boolean;
  /** The state a follow-up gives a closed ticket. */
  default_follow_up: boolean;
  ignore_escalation: boolean;
  active: boolean;
}

export interface ZammadFakePriority {
  id: number;
  name: string;
  default_create: boolean;
  ui_icon: string | null;
  ui_color: string | null;
  active: boolean;
}

export interface ZammadFakeGroup {
  id: number;
  name: string;
  active: boolean;
  /** `yes`: a closed ticket reopens on a follow-up; `new_ticket`: it refuses one ("please create a new ticket"). */
  follow_up_possible: 'yes' | 'new_ticket';
  /**
   * Listed in the `customer_ticket_create_group_ids` setting: customers may open tickets here.
   * When no group is listed, every active group is open to them, as Zammad reads an empty setting.
   */
  customerCreate: boolean;
}

export interface ZammadFakeOrganization {
  id: number;
  name: string;
  /** Members see each other's tickets. */
  shared: boolean;
}

export interface ZammadFakeUser {
  id: number;
  login: string;
  firstname: string;
  lastname: string;
  email: string;
  /** For Basic auth (login or email); '' never matches. */
  password: string;
  /** Personal access tokens (Profile › Token Access). */
  tokens: string[];
  /** `ticket.customer` or `ticket.agent` (an agent of every group). */
  role: 'customer' | 'agent';
  organization_id: number | null;
  active: boolean;
  /**
   * Has set up a two-factor method (`Auth::TwoFactor#user_configured?`): Basic auth with the
   * right password is refused with 401 "Two-factor authentication is not supported with HTTP
   * BasicAuth."; access tokens still work.
   */
  twoFactor?: boolean;
}

export interface ZammadFakeSeed {
  users: ZammadFakeUser[];
  organizations: ZammadFakeOrganization[];
  groups: ZammadFakeGroup[];
  states: ZammadFakeTicketState[];
  priorities: ZammadFakePriority[];
}

const state = (id: number, name: string, type: ZammadStateType, extra: Partial<ZammadFakeTicketState> = {}): ZammadFakeTicketState => ({
  id,
  name,
  state_type: type,
  next_state_id: null,
  default_create: false,
  default_follow_up: false,
  ignore_escalation: !/^(new|open)$/.test(type),
  active: true,
  ...extra,
});

/** `db/seeds/ticket_states.rb`: ids 1–7, pending close (7) moves on to closed (4). */
export const zammadDefaultStates = (): ZammadFakeTicketState[] => [
  state(1, 'new', 'new', { default_create: true }),
  state(2, 'open', 'open', { default_follow_up: true }),
  state(3, 'pending reminder', 'pending reminder'),
  state(4, 'closed', 'closed'),
  state(5, 'merged', 'merged'),
  state(6, 'removed', 'removed', { active: false }),
  state(7, 'pending close', 'pending action', { next_state_id: 4 }),
];

/** `db/seeds/ticket_priorities.rb`: the number is part of the name. */
export const zammadDefaultPriorities = (): ZammadFakePriority[] => [
  { id: 1, name: '1 low', default_create: false, ui_icon: 'low-priority', ui_color: 'low-priority', active: true },
  { id: 2, name: '2 normal', default_create: true, ui_icon: null, ui_color: null, active: true },
  { id: 3, name: '3 high', default_create: false, ui_icon: 'important', ui_color: 'high-priority', active: true },
];

/** Article types and senders by name, with their seeded ids; `communication` types are messages to someone. */
export const ZAMMAD_ARTICLE_TYPES: Readonly<Record<string, { id: number; communication: boolean }>> = {
  email: { id: 1, communication: true },
  sms: { id: 2, communication: true },
  phone: { id: 5, communication: true },
  note: { id: 10, communication: false },
  web: { id: 11, communication: true },
};

export const ZAMMAD_SENDERS: Readonly<Record<'Agent' | 'Customer' | 'System', number>> = { Agent: 1, Customer: 2, System: 3 };

/** User 1: Zammad's "-", the owner of unassigned tickets and the author of what the system does. */
export const ZAMMAD_NOBODY: Readonly<ZammadFakeUser> = {
  id: 1,
  login: '-',
  firstname: '-',
  lastname: '',
  email: '',
  password: '',
  tokens: [],
  role: 'customer',
  organization_id: null,
  active: false,
};

/** The person the demo acts as: login `camille.martin@mairie-exemple.fr` or password `demo`, access token `demo-customer-token`. */
export const ZAMMAD_CUSTOMER: Readonly<ZammadFakeUser> = {
  id: 10,
  login: 'camille.martin@mairie-exemple.fr',
  firstname: 'Camille',
  lastname: 'Martin',
  email: 'camille.martin@mairie-exemple.fr',
  password: 'demo',
  tokens: ['demo-customer-token'],
  role: 'customer',
  organization_id: 1,
  active: true,
};

/** A colleague in the same (shared) organisation: access token `colleague-customer-token`. */
export const ZAMMAD_COLLEAGUE: Readonly<ZammadFakeUser> = {
  id: 11,
  login: 'julien.dupont@mairie-exemple.fr',
  firstname: 'Julien',
  lastname: 'Dupont',
  email: 'julien.dupont@mairie-exemple.fr',
  password: 'colleague-password',
  tokens: ['colleague-customer-token'],
  role: 'customer',
  organization_id: 1,
  active: true,
};

/** A customer of another organisation, who must see none of the above: access token `outsider-customer-token`. */
export const ZAMMAD_OUTSIDER: Readonly<ZammadFakeUser> = {
  id: 12,
  login: 'lea.fontaine@autre-exemple.fr',
  firstname: 'Léa',
  lastname: 'Fontaine',
  email: 'lea.fontaine@autre-exemple.fr',
  password: 'outsider-password',
  tokens: ['outsider-customer-token'],
  role: 'customer',
  organization_id: 2,
  active: true,
};

/** The agent who answers: access token `agent-token`. */
export const ZAMMAD_AGENT: Readonly<ZammadFakeUser> = {
  id: 3,
  login: 'sacha.bernard',
  firstname: 'Sacha',
  lastname: 'Bernard',
  email: 'sacha.bernard@support.example.fr',
  password: 'agent-password',
  tokens: ['agent-token'],
  role: 'agent',
  organization_id: null,
  active: true,
};

/** A fresh copy of the demo's people, organisations, groups, states and priorities (no tickets). */
export function zammadDemoSeed(): ZammadFakeSeed {
  const copy = (user: Readonly<ZammadFakeUser>): ZammadFakeUser => ({ ...user, tokens: [...user.tokens] });
  return {
    users: [ZAMMAD_NOBODY, ZAMMAD_AGENT, ZAMMAD_CUSTOMER, ZAMMAD_COLLEAGUE, ZAMMAD_OUTSIDER].map(copy),
    organizations: [
      { id: 1, name: "Mairie d'Exemple", shared: true },
      { id: 2, name: 'Autre Exemple SARL', shared: false },
    ],
    groups: [
      { id: 1, name: 'Users', active: true, follow_up_possible: 'yes', customerCreate: true },
      { id: 2, name: 'Support N2', active: true, follow_up_possible: 'yes', customerCreate: false },
      { id: 3, name: 'Archives', active: true, follow_up_possible: 'new_ticket', customerCreate: true },
    ],
    states: zammadDefaultStates(),
    priorities: zammadDefaultPriorities(),
  };
}
