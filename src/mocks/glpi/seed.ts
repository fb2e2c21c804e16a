/**
 * The demo data of the fake GLPI: one self-service person with a few assets, a
 * technician, a colleague of the same entity, and ITIL categories whose flags and
 * encodings vary the way real ones do. Category and asset names are stored as
 * GLPI ≤ 10 keeps them in its database (partly entity-encoded) and answered as
 * stored; people's names are stored as typed and answered encoded.
 * The demo's tickets are in `demo-tickets.ts`.
 */

/**
 * What a person's profile allows, in plain words; the session reports them as
 * GLPI's right bitmasks (`glpiactiveprofile.ticket`, `.followup`, `.user`).
 */
export interface FakeRights {
  /** Sees every ticket of their entity (Ticket READALL); otherwise only the ones they asked for or wrote. */
  entityTickets: boolean;
  /** May change tickets with `PUT`, e.g. close one (Ticket UPDATE). */
  updateTickets: boolean;
  /** May add follow-ups to the tickets they asked for, hence approve, refuse and reopen (followup ADDMYTICKET). */
  followupOwn: boolean;
  /** May add follow-ups to any ticket they see (followup ADDALLTICKET): technicians. */
  followupAll: boolean;
  /** Sees private follow-ups (followup SEEPRIVATE): technicians. */
  seePrivate: boolean;
  /** May read other people's user records, `GET User/:id` (User READ). */
  readUsers: boolean;
  /**
   * The profile's status matrix (`ticket_status`) allows Closed → New or Closed → Processing, so a
   * closed ticket may be reopened (`Ticket::canReopen`, `src/Ticket.php` lines 660-666 of 10.0.11).
   * The default Self-Service profile forbids both (`install/empty_data.php` line 7993).
   */
  reopenClosed: boolean;
  /**
   * The profile uses the standard (central) interface. A helpdesk-interface profile, Self-Service,
   * keeps only `Profile::$helpdesk_rights` (`src/Profile.php` line 44 of 10.0.11, applied by
   * `Profile::cleanProfile`, line 527): no `itilcategory`, no asset rights, no `user` — so GLPI answers
   * 403 to `ITILCategory`, to the person's assets and to other people's records.
   */
  central: boolean;
  /**
   * knowbase READFAQ (2048): may read the FAQ, the articles marked `is_faq` whose targets include the
   * person (`KnowbaseItem::canView` / `canViewItem`, `src/KnowbaseItem.php` lines 141-166 of 10.0.17, the
   * same in 11). The default Self-Service profile has it and nothing else of `knowbase`
   * (`install/empty_data.php` lines 4975-4978 of 10.0.17); `knowbase` is one of `Profile::$helpdesk_rights`.
   */
  readFaq: boolean;
  /** knowbase READ (1): may also read the knowledge base's other articles (not in the FAQ) that target them. */
  readKnowbase: boolean;
  /** knowbase KNOWBASEADMIN (1024): sees every article, targets or not. */
  knowbaseAdmin: boolean;
}

/** A self-service profile: own tickets only, follow-ups on them, nothing else. */
export const SELF_SERVICE: Readonly<FakeRights> = {
  entityTickets: false,
  updateTickets: false,
  followupOwn: true,
  followupAll: false,
  seePrivate: false,
  readUsers: false,
  reopenClosed: false,
  central: false,
  readFaq: true,
  readKnowbase: false,
  knowbaseAdmin: false,
};

/** A technician's profile: everything the fake knows. */
export const TECHNICIAN_RIGHTS: Readonly<FakeRights> = {
  entityTickets: true,
  updateTickets: true,
  followupOwn: true,
  followupAll: true,
  seePrivate: true,
  readUsers: true,
  reopenClosed: true,
  central: true,
  readFaq: true,
  readKnowbase: true,
  knowbaseAdmin: false,
};

export interface FakeUser {
  id: number;
  name: string;
  password: string;
  /** The "remote access key" of the person's preferences. */
  userToken: string;
  /** Stored as typed (any text); answered entity-encoded like the rest of GLPI ≤ 10's text. */
  firstname: string;
  realname: string;
  email: string;
  /** The entity the person works in (0, the root entity, when not given). */
  entities_id?: number;
  /** What the profile allows; SELF_SERVICE when not given. */
  rights?: Partial<FakeRights>;
  /** The profile's name in the session. */
  profile?: string;
  /** The person's own time zone (User preferences), which GLPI puts in the session as `glpi_tz`. */
  timeZone?: string;
}

export interface FakeCategory {
  id: number;
  name: string;
  /** Full path; GLPI joins levels with " > " (older versions store it as " &#62; "). */
  completename: string;
  /** Parent category, 0 at the top. */
  itilcategories_id: number;
  level: number;
  is_helpdeskvisible: 0 | 1;
  is_incident: 0 | 1;
  is_request: 0 | 1;
}

/** An asset (Computer, Monitor, …) and who uses it. */
export interface FakeAsset {
  itemtype: string;
  id: number;
  name: string;
  serial: string;
  users_id: number;
  is_deleted: 0 | 1;
}

export interface FakeSeed {
  users: FakeUser[];
  categories: FakeCategory[];
  assets: FakeAsset[];
}

/**
 * The person the demo signs in as: login `demo`, password `demo`, user token
 * `demo-user-token`. Beyond self-service, the profile (on the standard interface, which
 * is what lets it read categories and assets) sees the entity's tickets, may close and
 * reopen tickets and read colleagues' names, so the demo shows every feature.
 */
export const DEMO_USER: Readonly<FakeUser> = {
  id: 7,
  name: 'demo',
  password: 'demo',
  userToken: 'demo-user-token',
  firstname: 'Camille',
  realname: 'Martin',
  email: 'camille.martin@example.fr',
  rights: { entityTickets: true, updateTickets: true, readUsers: true, reopenClosed: true, central: true },
  profile: 'Self-Service+',
};

/** The technician who answers the demo's tickets: login `tech`, user token `tech-user-token`. */
export const TECHNICIAN: Readonly<FakeUser> = {
  id: 2,
  name: 'tech',
  password: 'tech-password',
  userToken: 'tech-user-token',
  firstname: 'Sacha',
  realname: 'Bernard',
  email: 'support@example.fr',
  rights: TECHNICIAN_RIGHTS,
  profile: 'Technician',
};

/** A colleague of the demo person in the same entity, plain self-service: user token `colleague-user-token`. */
export const COLLEAGUE: Readonly<FakeUser> = {
  id: 8,
  name: 'j.dupont',
  password: 'colleague-password',
  userToken: 'colleague-user-token',
  firstname: 'Julien',
  realname: 'Dupont',
  email: 'julien.dupont@example.fr',
};

const category = (
  id: number,
  completename: string,
  flags: { visible?: 0 | 1; incident: 0 | 1; request: 0 | 1 },
  parent = 0,
): FakeCategory => ({
  id,
  name: completename.split(/ (?:>|&#62;) /).pop() ?? completename,
  completename,
  itilcategories_id: parent,
  level: parent ? 2 : 1,
  is_helpdeskvisible: flags.visible ?? 1,
  is_incident: flags.incident,
  is_request: flags.request,
});

/** A fresh copy of the demo data (no tickets: see `demoTickets`), so that each fake starts from the same state. */
export function demoSeed(): FakeSeed {
  return {
    users: [{ ...DEMO_USER }, { ...TECHNICIAN }, { ...COLLEAGUE }],
    categories: [
      category(1, 'Matériel', { incident: 1, request: 1 }),
      category(2, 'Matériel > Imprimante', { incident: 1, request: 0 }, 1),
      category(3, 'Matériel > Poste de travail', { incident: 1, request: 1 }, 1),
      category(4, 'Messagerie', { incident: 1, request: 1 }),
      category(5, 'Comptes utilisateurs', { incident: 0, request: 1 }),
      category(6, 'Comptes utilisateurs > Demande d&#039;accès', { incident: 0, request: 1 }, 5),
      category(7, 'Logiciels', { incident: 1, request: 1 }),
      category(8, 'Logiciels &#62; Installation', { incident: 0, request: 1 }, 7),
      category(9, 'R&eacute;seau &amp; Wi-Fi', { incident: 1, request: 0 }),
      category(10, 'Sécurité interne', { visible: 0, incident: 1, request: 1 }),
    ],
    assets: [
      { itemtype: 'Computer', id: 12, name: 'PC-COMPTA-03', serial: 'FR5K2J3', users_id: 7, is_deleted: 0 },
      { itemtype: 'Computer', id: 13, name: 'PC-ACCUEIL-01', serial: 'FR5K2J9', users_id: 2, is_deleted: 0 },
      { itemtype: 'Computer', id: 14, name: 'PC-ANCIEN-07', serial: 'FR1A0B0', users_id: 7, is_deleted: 1 },
      { itemtype: 'Monitor', id: 5, name: 'Écran Dell 24&quot; (bureau 12)', serial: 'CN0D8H', users_id: 7, is_deleted: 0 },
      { itemtype: 'Printer', id: 3, name: 'Imprimante Brother &amp; scanner accueil', serial: 'E7830', users_id: 7, is_deleted: 0 },
    ],
  };
}
