/**
 * The fake RT's people, queues and custom fields, as an intranet's RT admin would set them
 * up for the widget: requesters are unprivileged users who may create tickets in the
 * Support queue and see, answer (and, there, change the status of) the tickets they are
 * Requestor of; the technician is a privileged user with the usual staff rights.
 */

export interface RtFakeUser {
  id: number;
  /** RT's login. */
  name: string;
  realName: string;
  email: string;
  password: string;
  /** An auth token as RT makes them: "1-<user id>-<secret>". */
  token?: string;
  /** Staff (RT's Privileged): sees every ticket of the queues, comments included, and may do everything but delete. */
  privileged: boolean;
}

export interface RtFakeQueue {
  id: number;
  name: string;
  description: string;
  /** Unprivileged users may create tickets here (CreateTicket, SeeQueue to the Unprivileged group). */
  requestersCreate: boolean;
  /** The Requestor role has ModifyTicket here: requesters may change the status of their tickets (close them). */
  requestersModify: boolean;
}

export interface RtFakeCustomField {
  id: number;
  name: string;
  /** The queues it applies to (ticket custom fields). */
  queues: number[];
}

/**
 * A class of articles, and who may read its articles: ShowArticle granted on the class to
 * Everyone, to staff only (the privileged users), or to no one.
 */
export interface RtFakeArticleClass {
  id: number;
  name: string;
  readers: 'everyone' | 'staff' | 'nobody';
}

/**
 * The articles' body field, RT's "Content" (etc/initialdata:938-946: Text, one value, applied
 * to every class). `everyoneSees`: SeeCustomField granted to Everyone on the field; without
 * it no one reads the body (and a `CF.{Content}` condition is dropped).
 */
export interface RtFakeArticleField {
  id: number;
  name: string;
  type: 'Text' | 'HTML';
  everyoneSees: boolean;
}

export interface RtFakeSeed {
  users: RtFakeUser[];
  queues: RtFakeQueue[];
  customFields: RtFakeCustomField[];
  /** Article classes: RT's own "General", readable by everyone, when not given. */
  articleClasses?: RtFakeArticleClass[];
  /** The articles' body field: RT_CONTENT_FIELD when not given. */
  articleField?: RtFakeArticleField;
}

/** RT's own system users: ids 1 (RT_System) and 6 (Nobody) exist in every RT. */
export const RT_SYSTEM: RtFakeUser = { id: 1, name: 'RT_System', realName: 'The RT System itself', email: '', password: '', privileged: true };
export const RT_NOBODY: RtFakeUser = { id: 6, name: 'Nobody', realName: 'Nobody in particular', email: '', password: '', privileged: false };

export const RT_REQUESTER: RtFakeUser = {
  id: 27,
  name: 'camille',
  realName: 'Camille Martin',
  email: 'camille.martin@example.fr',
  password: 'camille-password',
  token: '1-27-5f2b8c1d9e0a4b7c8d6e3f1a2b9c0d4e',
  privileged: false,
};

export const RT_OTHER_REQUESTER: RtFakeUser = {
  id: 28,
  name: 'julien',
  realName: 'Julien Dupont',
  email: 'julien.dupont@example.fr',
  password: 'julien-password',
  token: '1-28-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d',
  privileged: false,
};

export const RT_AGENT: RtFakeUser = {
  id: 29,
  name: 'sacha',
  realName: 'Sacha Bernard',
  email: 'sacha.bernard@support.example.fr',
  password: 'sacha-password',
  token: '1-29-1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e',
  privileged: true,
};

export const RT_SUPPORT_QUEUE: RtFakeQueue = { id: 3, name: 'Support', description: 'Demandes des utilisateurs', requestersCreate: true, requestersModify: true };

/** The custom field the widget writes its submission id into (`submissionField`). */
export const RT_SUBMISSION_FIELD: RtFakeCustomField = { id: 1, name: 'Widget submission', queues: [3] };

/** A custom field for a configured question (`customFields: {"site": "Site"}`). */
export const RT_SITE_FIELD: RtFakeCustomField = { id: 2, name: 'Site', queues: [3] };

/** RT's default article class (etc/initialdata:931-936), which the admin lets everyone read. */
export const RT_ARTICLE_CLASS: RtFakeArticleClass = { id: 1, name: 'General', readers: 'everyone' };

/** RT's "Content" field of articles, which everyone may see (the fake's ticket fields hold ids 1 and 2). */
export const RT_CONTENT_FIELD: RtFakeArticleField = { id: 3, name: 'Content', type: 'Text', everyoneSees: true };

/** A fresh copy of the default people, queues, custom fields and article classes. */
export function rtDemoSeed(): RtFakeSeed {
  return {
    users: [RT_SYSTEM, RT_NOBODY, RT_REQUESTER, RT_OTHER_REQUESTER, RT_AGENT].map((user) => ({ ...user })),
    queues: [
      { id: 1, name: 'General', description: 'The default queue', requestersCreate: false, requestersModify: false },
      { ...RT_SUPPORT_QUEUE },
    ],
    customFields: [RT_SUBMISSION_FIELD, RT_SITE_FIELD].map((field) => ({ ...field, queues: [...field.queues] })),
    articleClasses: [{ ...RT_ARTICLE_CLASS }],
    articleField: { ...RT_CONTENT_FIELD },
  };
}
