/**
 * Schools and classes are records (collections `schools`, `classes`; issue 14):
 * a county coordinator or the education bureau adds, renames and closes them,
 * a roster import creates the classes it names, and the demo seed writes the
 * demo schools the same way. Counties, departments and routing stay city data
 * in `src/content/`.
 *
 * Handlers read them through this module. Lookups are cached per request
 * (per Ctx object), so a handler that asks for the same school ten times
 * reads it once; nothing is cached across requests, so a rename shows at once.
 */
import { coordinatorCovers } from '../../domain/jurisdiction';
import type { SchoolStage } from '../../domain/catalog';
import type { RoleBinding } from '../../domain/roles';
import type { Doc, Store } from '../store/types';

export interface SchoolDoc extends Doc {
  name: string;
  /** county id, or 'city' for city-level schools */
  jurisdiction: string;
  stage: SchoolStage;
  status: 'open' | 'closed';
  createdAt: number;
  updatedAt: number;
}

export interface ClassDoc extends Doc {
  schoolId: string;
  grade: number;
  /** class number within the grade: 八年级（2）班 → 2 */
  number: number;
  name: string;
  status: 'open' | 'closed' | 'graduated';
  createdAt?: number;
  updatedAt?: number;
  /** class.add: a mark of the request that added it (ctx.newId), so its retry finishes instead of refusing */
  addedWith?: string;
}

export interface Directory {
  school(id: string | null | undefined): Promise<SchoolDoc | null>;
  class(id: string | null | undefined): Promise<ClassDoc | null>;
  /** a school's county ('city' for city schools); null for an unknown school */
  countyOfSchool(id: string | null | undefined): Promise<string | null>;
  classesOf(schoolId: string): Promise<ClassDoc[]>;
  /** every school whose jurisdiction one of `areas` covers (a 'city' area covers every county) */
  schoolsIn(areas: readonly string[]): Promise<SchoolDoc[]>;
}

const cache = new WeakMap<object, Directory>();

/** The directory for one request: `key` is the request's Ctx (or any object living as long as the request). */
export function directory(store: Store, key: object = store): Directory {
  let d = cache.get(key);
  if (!d) {
    d = makeDirectory(store);
    cache.set(key, d);
  }
  return d;
}

/** Shorthand for handlers: `dir(ctx).school(id)`. */
export const dir = (ctx: { store: Store }) => directory(ctx.store, ctx);

function makeDirectory(store: Store): Directory {
  const schools = new Map<string, Promise<SchoolDoc | null>>();
  const classes = new Map<string, Promise<ClassDoc | null>>();
  const self: Directory = {
    school(id) {
      if (!id) return Promise.resolve(null);
      let p = schools.get(id);
      if (!p) { p = store.collection<SchoolDoc>('schools').get(id); schools.set(id, p); }
      return p;
    },
    class(id) {
      if (!id) return Promise.resolve(null);
      let p = classes.get(id);
      if (!p) { p = store.collection<ClassDoc>('classes').get(id); classes.set(id, p); }
      return p;
    },
    async countyOfSchool(id) {
      return (await self.school(id))?.jurisdiction ?? null;
    },
    async classesOf(schoolId) {
      const list = await store.collection<ClassDoc>('classes').find({ schoolId }, { orderBy: [['grade', 'asc'], ['number', 'asc']] });
      for (const c of list) classes.set(c._id, Promise.resolve(c));
      return list;
    },
    async schoolsIn(areas) {
      if (!areas.length) return [];
      const all = areas.includes('city')
        ? await store.collection<SchoolDoc>('schools').find({})
        : await store.collection<SchoolDoc>('schools').find({ jurisdiction: { $in: [...areas] } });
      const list = all.filter((s) => areas.some((a) => coordinatorCovers(a, s.jurisdiction)));
      for (const s of list) schools.set(s._id, Promise.resolve(s));
      return list.sort((a, b) => a._id.localeCompare(b._id));
    },
  };
  return self;
}

/** The education bureau of a county or the city (`simao.edu`, `city.edu`). */
export const isEduDept = (deptId: string) => deptId.endsWith('.edu');

/** The jurisdictions a caller may manage schools in: coordinators' areas, an education bureau handler's county. */
export function managedAreas(roles: readonly RoleBinding[]): string[] {
  const out = new Set<string>();
  for (const r of roles) {
    if (r.role === 'coordinator' && r.jurisdiction) out.add(r.jurisdiction);
    if (r.role === 'handler' && r.deptId && isEduDept(r.deptId) && r.jurisdiction) out.add(r.jurisdiction);
  }
  return [...out];
}
