/**
 * One storage interface, two adapters: SQLite (local, self-hosted, tests) and
 * the CloudBase database (production). It is deliberately a small document
 * store so that the CloudBase adapter stays a thin mapping: top-level fields
 * only, equality / range / membership filters, ordering, paging.
 */
export type Scalar = string | number | boolean | null;

export type FieldFilter =
  | Scalar
  | { $in: Scalar[] }
  | { $ne: Scalar }
  | { $gt: Scalar }
  | { $gte: Scalar }
  | { $lt: Scalar }
  | { $lte: Scalar }
  | { $gte: Scalar; $lt: Scalar }
  /** the field is an array that contains this value */
  | { $has: Scalar };

/** All conditions must hold (AND). Field names are top-level keys. */
export type Filter = Record<string, FieldFilter>;

export interface FindOptions {
  orderBy?: Array<[field: string, dir: 'asc' | 'desc']>;
  limit?: number;
  skip?: number;
}

export interface Doc { _id: string; [key: string]: unknown }

export interface Patch<T> {
  set?: Partial<Omit<T, '_id'>>;
  /** atomic numeric increments */
  inc?: Partial<Record<keyof T & string, number>>;
  /** remove these keys */
  unset?: Array<keyof T & string>;
}

export interface Collection<T extends Doc = Doc> {
  get(id: string): Promise<T | null>;
  /** Inserts; rejects with AppError('CONFLICT') if the _id exists. */
  insert(doc: T): Promise<void>;
  /**
   * Inserts each document whose _id is absent and leaves present ones as
   * they are; answers how many were inserted. For batches written by the
   * scheduler (holiday reminders): SQLite does it in one transaction.
   */
  insertMany(docs: readonly T[]): Promise<number>;
  /** Inserts or replaces the whole document. */
  put(doc: T): Promise<void>;
  /** Returns false when no document has that id. */
  update(id: string, patch: Patch<T>): Promise<boolean>;
  /**
   * Updates only if the document currently matches `where` (compare-and-set,
   * used for state transitions). Returns false if it did not match.
   */
  updateIf(id: string, where: Filter, patch: Patch<T>): Promise<boolean>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  remove(id: string): Promise<boolean>;
  removeWhere(filter: Filter): Promise<number>;
}

/**
 * The collections and the fields each one is queried by (these get real
 * indexes in SQLite and should get indexes in the CloudBase console).
 * Adding a collection here plus a migration is all a new feature needs.
 */
export const COLLECTIONS = {
  users: ['createdAt', 'notifyKeys'],
  sessions: ['userId', 'expiresAt'],
  invitations: ['code', 'studentId', 'classId'],
  students: ['schoolId', 'classId', 'studentNo'],
  guardianships: ['studentId', 'userId'],
  idempotency: ['expiresAt'],
  /** only what screening.readLog asks by (migration 14 dropped at and actorId: every write pays for each index) */
  audit: ['subjectId', 'action'],
  outbox: ['status', 'createdAt', 'channel'],
  cases: ['trackingCode', 'status', 'dueAt', 'createdAt', 'countyId', 'category', 'deptIds', 'priority',
    'jurisdiction', 'escalationLevel', 'resolveDueAt', 'reporterUserId', 'leadJurisdictions'],
  case_events: ['caseId', 'at'],
  rate_limits: ['expiresAt'],
  rate_keys: ['expiresAt'],
  secret_attempts: ['lockedUntil', 'expiresAt'],
  uploads: ['createdAt', 'caseId'],
  settings: [],
  // safety lessons: one row per student+lesson, one per class+lesson taught together
  lesson_completions: ['studentId', 'classId'],
  lesson_class_sessions: ['classId'],
  screening_campaigns: ['status', 'schoolIds', 'closesAt'],
  screening_consents: ['campaignId', 'studentId'],
  screening_drafts: ['campaignId'],
  screening_responses: ['campaignId', 'studentId', 'schoolId'],
  screening_alerts: ['status', 'dueAt', 'schoolId', 'studentId'],
  screening_files: ['schoolId'],
  screening_file_events: ['studentId', 'at'],
  screening_nudges: ['campaignId', 'studentId'],
  /** by child and by guardian only (migration 15 dropped campaignId, classId, schoolId and signedAt: no query used them) */
  commitments: ['studentId', 'userId'],
  commitment_history: ['commitmentId'],
  reminder_subs: ['optedIn'],
  /** when a staff member last opened a case (`<userId>:<caseId>`), for the unread marker on reporter messages */
  case_reads: ['userId'],
  /** holiday letters: `<campaign>:<child>` once a child has a first guardian signature; per-class counts of those */
  commitment_firsts: ['classId', 'counted'],
  commitment_counts: ['campaignId', 'schoolId', 'countyId'],
  /** screening: guardians' requests to see, correct or delete their child's records (PIPL art. 45) */
  screening_requests: ['studentId', 'schoolId', 'status'],
  // enrolment (migration 10): schools and classes as records, guardians named on the roster, guardian requests
  // a class teacher decides, who holds which staff post, uploaded roster sheets (kept a day)
  schools: ['jurisdiction', 'status'],
  classes: ['schoolId', 'status'],
  roster_guardians: ['studentId', 'schoolId'],
  guardian_requests: ['studentId', 'classId', 'schoolId', 'status'],
  staff_posts: ['userId', 'schoolId', 'jurisdiction', 'status'],
  sheet_uploads: ['createdAt'],
  /** `rollovers`: one marker per school and year once its classes moved up */
  rollovers: ['schoolId', 'year'],
  /** the desk (issue 15): `<kind>|<period>|<subject>` markers and `<kind>|<period>|<bucket>|<state>` counters (core/tally.ts) */
  tally_marks: ['bucket', 'counted', 'schoolId'],
  tallies: ['kind', 'period', 'schoolId', 'countyId', 'bucket'],
  /** monthly returns of the lead departments (`<county>|<dept kind>|<month>`), and each correction's earlier version */
  figure_returns: ['month', 'countyId'],
  /** one row per class: children on the roll and the month each turns 14 (targets/directory.ts) */
  class_rolls: ['schoolId', 'countyId', 'level'],
  figure_history: ['returnId'],
  /** a guardian read a parents' lesson: `<userId>:<lessonId>:<schoolId>`, one per child's school, counted per school and term */
  guardian_lessons: ['userId', 'schoolId', 'term'],
} as const;

export type CollectionName = keyof typeof COLLECTIONS;

/** Thrown by store calls of a unit whose onBegin refused, or that a failed BEGIN left unusable. */
export class UnitAborted extends Error {
  constructor(readonly reason: unknown) { super('unit of work aborted'); }
}

export interface UnitOptions {
  /** Runs once the unit holds the write lock, before its first write lands (the dispatcher's idempotency check). */
  onBegin?(): Promise<void> | void;
}

/** Which collections a commit wrote; null when another connection committed and which ones is not known. */
export type CommitListener = (collections: ReadonlySet<string> | null) => void;

export interface Store {
  collection<T extends Doc = Doc>(name: CollectionName): Collection<T>;
  /**
   * SQLite only: runs fn as one unit of work. Every write fn makes (through
   * this store, in fn's async context) lands in one transaction, committed
   * when fn resolves and rolled back when it throws (sqlite.ts explains how).
   * CloudBase has no such unit: there, correctness comes from
   * insert-if-absent with ids derived from the request (ctx.newId, fixed ids
   * for side effects), compare-and-set (updateIf), and writing the marker
   * that says a request is done after every side effect it has.
   */
  unitOfWork?<R>(fn: () => Promise<R>, options?: UnitOptions): Promise<R>;
  /** SQLite only: true while the caller runs inside a unit of work (its writes land together or not at all). */
  insideUnit?(): boolean;
  /**
   * SQLite only: adds `by` (an integer) to `field` of document `id`, creating it as `ifMissing` (with the
   * field set to `by`) when absent. Inside a unit of work the addition is kept with the unit and made just
   * before its group's COMMIT (sqlite.ts: group commit), summed with the other units' additions to the same
   * document, so a class's counters are written once per commit instead of once per request. Reads inside
   * the unit do not see it yet: for counters only the roll-ups read, never the writes that move them.
   */
  addAtCommit?(collection: CollectionName, id: string, field: string, by: number, ifMissing: Doc): Promise<void>;
  /**
   * SQLite only: `listener` is told, right after each commit, which collections it wrote; `null` when
   * another connection (another process on the same file: the admin command) committed something,
   * found by `noticeOtherWriters`. Answers the function that stops the listening. What a process keeps
   * in memory from the store (core/callerCache.ts) drops it here. CloudBase has no such signal: writes
   * come from many function instances, so nothing there may be kept across requests this way.
   */
  onCommit?(listener: CommitListener): () => void;
  /** SQLite only: tells onCommit listeners (`null`) if another connection has committed since the last call. */
  noticeOtherWriters?(): void;
  close(): Promise<void>;
  /** Every collection's documents, for tests and privacy audits (SQLite only). */
  dump?(): Promise<Record<string, Doc[]>>;
}

/** Runs fn as one unit of work where the store has them (SQLite), else as it is (CloudBase: ordering and fixed ids). */
export const inUnit = <R>(store: Store, fn: () => Promise<R>): Promise<R> => (store.unitOfWork ? store.unitOfWork(fn) : fn());
