/**
 * SQLite schema, versioned by `PRAGMA user_version`.
 *
 * Each migration is a numbered, written-down step; none is computed from the
 * live COLLECTIONS constant, so an old database and a fresh one always end up
 * with the same schema. Adding a collection or an indexed field later means
 * adding it to COLLECTIONS *and* appending a migration here, e.g.
 *
 *   { version: 2, name: 'add complaints', up: (db) => createCollection(db, 'complaints', ['caseId']) },
 *
 * test/cloud/sqlite.test.ts fails if COLLECTIONS lists something no
 * migration created, so the second half cannot be forgotten.
 *
 * Layout: one table per collection, `(id TEXT PRIMARY KEY, doc TEXT)` with
 * the JSON document (including `_id`) in `doc`. Scalar fields get an
 * expression index on `json_extract(doc, '$.field')`; the adapter builds its
 * WHERE clauses with the very same expression (fieldExpr) so SQLite uses it.
 * Array fields queried with `$has` get an element side table instead
 * (see createElementIndex).
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** The SQL expression for a top-level field; `_id` is the primary key column. */
export function fieldExpr(field: string): string {
  return field === '_id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

/** The JSON type of a field ('text', 'integer', 'real', 'true', 'false', 'null', 'array', 'object', or NULL if missing). */
export function fieldTypeExpr(field: string): string {
  return field === '_id' ? `'text'` : `json_type(doc, '$.${field}')`;
}

export const indexName = (collection: string, field: string) => `ix$${collection}$${field}`;
export const elementTableName = (collection: string, field: string) => `has$${collection}$${field}`;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checkIdent(kind: string, name: string) {
  if (!IDENT.test(name)) throw new Error(`migration: invalid ${kind} name ${JSON.stringify(name)}`);
}

/** Creates a collection table with an expression index per scalar field and a side table per array field. */
export function createCollection(db: Db, collection: string, fields: readonly string[], arrayFields: readonly string[] = []) {
  checkIdent('collection', collection);
  db.exec(`CREATE TABLE ${q(collection)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`);
  for (const field of fields) {
    if (arrayFields.includes(field)) createElementIndex(db, collection, field);
    else createFieldIndex(db, collection, field);
  }
}

export function createFieldIndex(db: Db, collection: string, field: string) {
  checkIdent('collection', collection);
  checkIdent('field', field);
  db.exec(`CREATE INDEX ${q(indexName(collection, field))} ON ${q(collection)} (${fieldExpr(field)})`);
}

export function dropFieldIndex(db: Db, collection: string, field: string) {
  checkIdent('collection', collection);
  checkIdent('field', field);
  db.exec(`DROP INDEX IF EXISTS ${q(indexName(collection, field))}`);
}

/**
 * `$has` on an array field (cases.deptIds: "every case routed to my
 * department") is the handler inbox query, so it must not scan and parse
 * every case. An expression index cannot index array elements, so each
 * element gets a row in a side table `(value, type, id)` indexed by value.
 * Triggers keep it in step with every insert, upsert, update and delete,
 * whatever statement caused it, and it is backfilled from existing rows.
 */
export function createElementIndex(db: Db, collection: string, field: string) {
  checkIdent('collection', collection);
  checkIdent('field', field);
  const side = q(elementTableName(collection, field));
  const path = `'$.${field}'`;
  // `value` has no declared type, so SQLite keeps each element's own type ('1' stays text, 1 stays a number).
  db.exec(`CREATE TABLE ${side} (value, type TEXT NOT NULL, id TEXT NOT NULL)`);
  db.exec(`CREATE INDEX ${q(`ix$${elementTableName(collection, field)}$value`)} ON ${side} (value, id)`);
  db.exec(`CREATE INDEX ${q(`ix$${elementTableName(collection, field)}$id`)} ON ${side} (id)`);
  const fill = (row: 'new') =>
    `INSERT INTO ${side} (value, type, id) SELECT j.value, j.type, ${row}.id FROM json_each(${row}.doc, ${path}) AS j ` +
    `WHERE json_type(${row}.doc, ${path}) = 'array';`;
  const trigger = (suffix: string) => q(`${elementTableName(collection, field)}$${suffix}`);
  db.exec(`CREATE TRIGGER ${trigger('insert')} AFTER INSERT ON ${q(collection)} BEGIN ${fill('new')} END`);
  db.exec(`CREATE TRIGGER ${trigger('update')} AFTER UPDATE OF doc ON ${q(collection)} BEGIN ` +
    `DELETE FROM ${side} WHERE id = old.id; ${fill('new')} END`);
  db.exec(`CREATE TRIGGER ${trigger('delete')} AFTER DELETE ON ${q(collection)} BEGIN DELETE FROM ${side} WHERE id = old.id; END`);
  db.exec(`INSERT INTO ${side} (value, type, id) SELECT j.value, j.type, t.id FROM ${q(collection)} AS t, json_each(t.doc, ${path}) AS j ` +
    `WHERE json_type(t.doc, ${path}) = 'array'`);
}

/**
 * COLLECTIONS as it stood when migration 1 was written. Frozen on purpose:
 * later additions to COLLECTIONS arrive through later migrations.
 */
const V1_COLLECTIONS: Record<string, readonly string[]> = {
  users: ['createdAt'],
  sessions: ['userId', 'expiresAt'],
  invitations: ['code'],
  students: ['schoolId', 'classId'],
  guardianships: ['studentId', 'userId'],
  idempotency: ['expiresAt'],
  audit: ['subjectId', 'at', 'actorId', 'action'],
  outbox: ['status', 'createdAt', 'channel'],
  cases: ['trackingCode', 'status', 'dueAt', 'createdAt', 'countyId', 'category', 'deptIds', 'priority'],
  case_events: ['caseId', 'at'],
  rate_limits: ['expiresAt'],
  rate_keys: ['expiresAt'],
  secret_attempts: ['lockedUntil'],
  uploads: ['createdAt'],
  settings: [],
};
/** Fields holding arrays that are queried with `$has`. */
const V1_ARRAY_FIELDS: Record<string, readonly string[]> = { cases: ['deptIds'] };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create collections',
    up(db) {
      for (const [name, fields] of Object.entries(V1_COLLECTIONS)) createCollection(db, name, fields, V1_ARRAY_FIELDS[name]);
    },
  },
  {
    version: 2,
    name: 'index the workbench and clean-up queries',
    up(db) {
      // coordinator inbox (jurisdiction, escalation, resolve deadline), mandatory filer's list,
      // orphan-upload purge, lockout expiry
      for (const f of ['jurisdiction', 'escalationLevel', 'resolveDueAt', 'reporterUserId']) createFieldIndex(db, 'cases', f);
      createFieldIndex(db, 'uploads', 'caseId');
      createFieldIndex(db, 'secret_attempts', 'expiresAt');
    },
  },
  {
    version: 3,
    name: 'index who receives notifications',
    up(db) {
      // users.notifyKeys (unit keys a staff member is notified for) is an array: element side table.
      createElementIndex(db, 'users', 'notifyKeys');
    },
  },
  {
    version: 4,
    name: 'safety lessons: completions and class sessions',
    up(db) {
      createCollection(db, 'lesson_completions', ['studentId', 'classId']);
      createCollection(db, 'lesson_class_sessions', ['classId']);
    },
  },
  {
    version: 5,
    name: 'screening: campaigns, consents, drafts, responses, alerts, 一生一策 files, nudges',
    up(db) {
      // campaigns are found by the schools they cover: schoolIds is an array (element side table)
      createCollection(db, 'screening_campaigns', ['status', 'schoolIds', 'closesAt'], ['schoolIds']);
      createCollection(db, 'screening_consents', ['campaignId', 'studentId']);
      createCollection(db, 'screening_drafts', ['campaignId']);
      createCollection(db, 'screening_responses', ['campaignId', 'studentId', 'schoolId']);
      createCollection(db, 'screening_alerts', ['status', 'dueAt', 'schoolId', 'studentId']);
      createCollection(db, 'screening_files', ['schoolId']);
      createCollection(db, 'screening_file_events', ['studentId', 'at']);
      createCollection(db, 'screening_nudges', ['campaignId', 'studentId']);
    },
  },
  {
    version: 6,
    name: 'holiday letters: commitments, their history, reminder opt-ins',
    up(db) {
      createCollection(db, 'commitments', ['campaignId', 'studentId', 'userId', 'classId', 'schoolId', 'signedAt']);
      createCollection(db, 'commitment_history', ['commitmentId']);
      createCollection(db, 'reminder_subs', ['optedIn']);
    },
  },
  {
    version: 7,
    name: 'when staff last read a case',
    up(db) {
      createCollection(db, 'case_reads', ['userId']);
      // cases.leadJurisdictions (counties of lead units after a cross-county transfer) is an array.
      createElementIndex(db, 'cases', 'leadJurisdictions');
    },
  },
  {
    version: 8,
    name: 'holiday letter coverage counters: first-signature markers and per-class counts',
    up(db) {
      createCollection(db, 'commitment_firsts', ['campaignId', 'classId', 'counted', 'at']);
      createCollection(db, 'commitment_counts', ['campaignId', 'schoolId', 'countyId']);
      for (const sql of COMMITMENT_COUNTS_BACKFILL) db.exec(sql);
    },
  },
  {
    version: 9,
    name: 'screening: guardians\' requests to see, correct or delete records',
    up(db) {
      createCollection(db, 'screening_requests', ['studentId', 'schoolId', 'status']);
    },
  },
  {
    version: 10,
    name: 'enrolment: schools, classes, roster guardians, guardian requests, staff posts, roster sheets',
    up(db) {
      createCollection(db, 'schools', ['jurisdiction', 'status']);
      createCollection(db, 'classes', ['schoolId', 'status']);
      createCollection(db, 'roster_guardians', ['studentId', 'schoolId']);
      createCollection(db, 'guardian_requests', ['studentId', 'classId', 'schoolId', 'status']);
      createCollection(db, 'staff_posts', ['userId', 'schoolId', 'jurisdiction', 'status']);
      createCollection(db, 'sheet_uploads', ['createdAt']);
      // codes by the child and class they were issued for (reissue revokes the earlier one); students by number
      createFieldIndex(db, 'invitations', 'studentId');
      createFieldIndex(db, 'invitations', 'classId');
      createFieldIndex(db, 'students', 'studentNo');
      // staff who redeemed a code before posts were recorded: their posts, since their account was made
      db.exec(STAFF_POSTS_BACKFILL);
    },
  },
  {
    version: 11,
    name: 'year rollover markers',
    up(db) {
      createCollection(db, 'rollovers', ['schoolId', 'year']);
    },
  },
  {
    version: 12,
    name: 'the desk: counters kept by the writes (markers and counts), monthly returns and their corrections',
    up(db) {
      createCollection(db, 'tally_marks', ['kind', 'period', 'bucket', 'counted']);
      createCollection(db, 'tallies', ['kind', 'period', 'schoolId', 'countyId', 'bucket']);
      createCollection(db, 'figure_returns', ['month', 'countyId']);
      createCollection(db, 'figure_history', ['returnId']);
      createCollection(db, 'class_rolls', ['schoolId', 'countyId', 'level']);
    },
  },
  {
    version: 13,
    name: "parents' lessons read by guardians",
    up(db) {
      createCollection(db, 'guardian_lessons', ['userId', 'schoolId', 'term']);
    },
  },
  {
    version: 14,
    name: 'audit: drop the indexes on at and actorId, which no query uses',
    // Every write request writes an audit row, and each index is one more B-tree entry in its commit (issue 17).
    // The only queries on audit (screening.readLog) are by subjectId and by action, ordered by at in memory.
    up(db) {
      dropFieldIndex(db, 'audit', 'at');
      dropFieldIndex(db, 'audit', 'actorId');
    },
  },
  {
    version: 15,
    name: 'holiday letters and desk markers: drop the indexes no query uses, index tally markers by school',
    // Issue 17, bytes the process wrote per commitment.sign (3,000 in process, /proc/self/io, one run each):
    // 134.5 KB with every index, 113.9 KB without the four commitment indexes below (B-tree pages in the WAL,
    // then copied into the file by the checkpointer). Commitments are asked for by child (holiday.current, the class view) and by
    // guardian (the reminder pass), never by campaign, class, school or time alone; first-signature markers by
    // class (the class recount, campaign checked on the rows) and by `counted` (the repair). A desk marker is asked
    // for by bucket, by `counted`, and by school (the school recount, which scanned the period's markers by kind).
    up(db) {
      for (const f of ['campaignId', 'classId', 'schoolId', 'signedAt']) dropFieldIndex(db, 'commitments', f);
      for (const f of ['campaignId', 'at']) dropFieldIndex(db, 'commitment_firsts', f);
      for (const f of ['kind', 'period']) dropFieldIndex(db, 'tally_marks', f);
      createFieldIndex(db, 'tally_marks', 'schoolId');
    },
  },
];

/** One staff_posts row per staff binding already in users.roles (migration 10); the id is core/enrol.ts postId's. */
const STAFF_POST_ID = `u.id || ':' || json_extract(r.value, '$.role') || ':' || coalesce(json_extract(r.value, '$.schoolId'), '') || ':' ||
  coalesce(json_extract(r.value, '$.classId'), '') || ':' || coalesce(json_extract(r.value, '$.deptId'), '') || ':' || coalesce(json_extract(r.value, '$.jurisdiction'), '')`;
const STAFF_POSTS_BACKFILL = `INSERT OR IGNORE INTO staff_posts (id, doc)
  SELECT ${STAFF_POST_ID}, json_object('_id', ${STAFF_POST_ID}, 'userId', u.id, 'role', json_extract(r.value, '$.role'),
    'schoolId', json_extract(r.value, '$.schoolId'), 'classId', json_extract(r.value, '$.classId'), 'deptId', json_extract(r.value, '$.deptId'),
    'jurisdiction', json_extract(r.value, '$.jurisdiction'), 'displayName', json_extract(r.value, '$.displayName'),
    'since', coalesce(json_extract(u.doc, '$.createdAt'), 0), 'status', 'active')
  FROM users AS u, json_each(u.doc, '$.roles') AS r
  WHERE json_type(u.doc, '$.roles') = 'array'
    AND json_extract(r.value, '$.role') IN ('class_teacher', 'psych_teacher', 'school_safety_officer', 'handler', 'coordinator', 'school_admin')`;

/**
 * SQL that derives markers and counters from the commitments already stored
 * (migration 8 on an existing database; on CloudBase run the same derivation once as a script, and the city bench that writes
 * commitments straight into SQLite). Idempotent: INSERT OR IGNORE.
 */
export const COMMITMENT_COUNTS_BACKFILL = [
  `INSERT OR IGNORE INTO commitment_firsts (id, doc)
     SELECT json_extract(doc, '$.campaignId') || ':' || json_extract(doc, '$.studentId'),
            json_object('_id', json_extract(doc, '$.campaignId') || ':' || json_extract(doc, '$.studentId'),
              'campaignId', json_extract(doc, '$.campaignId'), 'studentId', json_extract(doc, '$.studentId'),
              'classId', json_extract(doc, '$.classId'), 'schoolId', json_extract(doc, '$.schoolId'),
              'countyId', json_extract(doc, '$.countyId'), 'counted', json('true'), 'at', min(json_extract(doc, '$.signedAt')))
     FROM commitments GROUP BY json_extract(doc, '$.campaignId'), json_extract(doc, '$.studentId')`,
  `INSERT OR IGNORE INTO commitment_counts (id, doc)
     SELECT json_extract(doc, '$.campaignId') || ':' || json_extract(doc, '$.classId'),
            json_object('_id', json_extract(doc, '$.campaignId') || ':' || json_extract(doc, '$.classId'),
              'campaignId', json_extract(doc, '$.campaignId'), 'classId', json_extract(doc, '$.classId'),
              'schoolId', min(json_extract(doc, '$.schoolId')), 'countyId', min(json_extract(doc, '$.countyId')), 'signedChildren', count(*))
     FROM commitment_firsts GROUP BY json_extract(doc, '$.campaignId'), json_extract(doc, '$.classId')`,
];

const LOG_TABLE = 'schema_migrations';

/**
 * Brings the database up to the newest migration. Each migration runs in its
 * own IMMEDIATE transaction together with the user_version bump and its log
 * row, and the version is read again inside that transaction, so two
 * processes opening a new file at once cannot both apply it. A database
 * already at the newest version is left untouched.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration: versions must be 1, 2, 3… in order; found ${m.version} at position ${i + 1}`);
  });
  const latest = migrations.length;
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  const from = readVersion();
  if (from > latest) {
    throw new Error(`migration: the database is at schema version ${from}, newer than this code knows (${latest}); refusing to open it`);
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      if (readVersion() >= m.version) return; // another process got there first
      db.exec(`CREATE TABLE IF NOT EXISTS ${LOG_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      m.up(db);
      db.prepare(`INSERT INTO ${LOG_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: readVersion() };
}
