/**
 * What each role may see of each screening, file, commitment and holiday
 * read, written out as exact shapes (zod `.strict()` at every level). The
 * firewall test (firewall-shapes.test.ts) checks every answer against these,
 * so a field a handler starts returning fails the suite until someone decides
 * here, on purpose, who may see it. DESIGN.md §7 is the table these follow.
 *
 * Kept in one place so the whole "who sees what" reads as one file: a reviewer
 * compares the guardian's and the psychology teacher's view of the same
 * screening side by side.
 */
import { z } from 'zod';
import type { Role } from '../../../src/domain/roles';

/** An object with exactly these keys (an unknown key fails). */
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();
const str = z.string();
const int = z.number().int();
const ms = z.number().int().nonnegative(); // an instant, epoch milliseconds
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().min(1);
const consent = z.enum(['needed', 'given', 'declined', 'not_required']);
/** a count that describes children: withheld (null) or 0 or at least 5 (no figure about 1-4 children) */
const suppressed = z.union([z.null(), z.literal(0), z.number().int().min(5)]);

// ---- screening -------------------------------------------------------------

/**
 * The campaign as the family reads it: the consent terms exactly as a guardian answers them (text, purpose,
 * who reads the answers, the terms' version; consent branch, issue 16). The child reads the same terms:
 * they say who will see the answers, nothing about any child.
 */
const screeningCampaignForFamily = obj({ id, name: str, closesOn: day, consentText: str, purpose: str, recipients: str, consentVersion: int.positive() });
const screeningCampaignForStaff = obj({ id, name: str, opensOn: day, closesOn: day, status: z.enum(['open', 'closed']) });

/** The questionnaire as a student answers it: items and options, never an instrument's name, bands or scoring. */
const instrumentForStudent = obj({
  id, title: str, intro: str, stem: str,
  items: z.array(obj({
    id, text: str,
    options: z.array(obj({ value: int, label: str })),
    askIf: z.unknown().optional(),
    talkNowIf: z.array(int).optional(),
  })),
  followUp: obj({ itemIds: z.array(id), values: z.array(int) }).nullable(),
});

/** A student: the open screening, their consent, the questionnaire or their kind feedback; never a score or band. */
const currentAsStudent = obj({
  role: z.literal('student'),
  campaign: screeningCampaignForFamily.nullable(),
  consent: consent.nullable(),
  nudged: z.boolean(),
  instruments: z.array(instrumentForStudent),
  finished: z.boolean(),
  draft: obj({ answers: z.record(z.record(int)), updatedAt: ms }).nullable(),
  crisis: z.boolean().optional(),
  feedback: str.optional(),
});

const consentVia = z.enum(['guardian_app', 'paper_form']);
/** A paper form's evidence (issue 16): for the school's psychology teacher and the child's guardians only. */
const paperEvidence = obj({
  guardianName: str, relation: str, formDate: day, recordedByName: str, recordedAt: ms, photoUrl: str.nullable(),
});
/**
 * Who answered for this child, how and when (the grandfather reads that the mother agreed), the paper
 * form's evidence, every earlier answer. Names of the child's guardians and of the teacher who recorded a
 * form; never an account id.
 */
const consentRecordForGuardian = obj({
  agree: z.boolean(), via: consentVia, how: str, at: ms, version: int.positive(),
  guardianName: str.nullable(), relation: str.nullable(), byMe: z.boolean(),
  paper: paperEvidence.nullable(),
  overrodeDecline: z.boolean(),
  history: z.array(obj({ agree: z.boolean(), via: consentVia, how: str, byName: str, at: ms, version: int.positive() })),
});
/** PIPL art. 45: the caller's own requests about the child and the school's answers (rights.ts requestView). */
const rightsRequestForGuardian = obj({
  id, studentId: id, kind: z.enum(['see', 'correct', 'delete']), kindText: str, text: str, byName: str, at: ms, dueAt: ms,
  status: z.enum(['open', 'answered']), overdue: z.boolean(),
  outcome: z.enum(['done', 'partly', 'declined']).nullable(), outcomeText: str.nullable(), answer: str.nullable(),
  answeredAt: ms.nullable(), answeredByName: str.nullable(),
});

/**
 * A guardian: consent with who gave it and how, what the terms said before they changed, finished or
 * not, their own PIPL requests, and only what the psychology teacher chose to tell them.
 */
const currentAsGuardian = obj({
  role: z.literal('guardian'),
  campaign: screeningCampaignForFamily.nullable(),
  consent: consent.nullable(),
  instruments: z.array(z.never()),
  child: obj({ id, name: str }),
  finished: z.boolean(),
  notifications: z.array(obj({ at: ms, byName: str, message: str })),
  consentRecord: consentRecordForGuardian.nullable(),
  changed: obj({ text: str, purpose: str, recipients: str, at: ms }).nullable(),
  requests: z.array(rightsRequestForGuardian),
});

/** One instrument's result: for the psychology teacher of the student's school only. */
const resultForPsych = obj({
  instrumentId: id, name: str, total: int.nullable(), maxTotal: int.nullable(), band: str.nullable(),
  level: int, critical: z.boolean(), positive: z.boolean(), acute: z.boolean(),
});
const alertForPsych = obj({
  id, campaignId: id, studentId: id, urgency: z.enum(['acute', 'same_day', 'week']), reasons: z.array(str),
  createdAt: ms, dueAt: ms, status: z.enum(['open', 'acknowledged']), overdue: z.boolean(), escalated: z.boolean(),
  acknowledgedAt: ms.nullable(),
});
const resultsAsPsych = obj({
  campaign: screeningCampaignForStaff,
  rows: z.array(obj({
    studentId: id, name: str, grade: int, classId: id, className: str,
    status: z.enum(['finished', 'not_finished', 'awaiting_consent', 'declined']),
    submittedAt: ms.nullable(), level: int, urgency: z.enum(['acute', 'same_day', 'week']).nullable(), crisis: z.boolean(),
    instruments: z.array(resultForPsych), alert: alertForPsych.nullable(),
  })),
  filters: obj({ grades: z.array(int), classes: z.array(obj({ id, name: str })) }),
  openAlerts: int,
});

const fileEvent = obj({
  id, kind: z.enum(['plan', 'followup', 'notification', 'referral', 'status']), at: ms, byName: str, text: str,
  how: z.enum(['in_person', 'phone', 'app', 'letter']).optional(),
  guardianMessage: str.optional(),
  hospitalId: id.optional(), hospitalName: str.optional(),
  status: z.enum(['routine', 'watch', 'closed']).optional(),
});
const fileAsPsych = obj({
  student: obj({ id, name: str, grade: int, className: str, age: int }),
  status: z.enum(['routine', 'watch', 'closed']),
  plan: str,
  planUpdatedAt: ms.nullable(),
  results: z.array(obj({
    campaignId: id, campaignName: str, schoolYear: str, semester: int.nullable(), submittedAt: ms, level: int, crisis: z.boolean(),
    instruments: z.array(resultForPsych),
  })),
  followUps: z.array(fileEvent),
  notifications: z.array(fileEvent),
  referrals: z.array(fileEvent),
  log: z.array(fileEvent),
  alerts: z.array(alertForPsych),
  /** consents with their paper evidence (issue 16): the names of the guardian or the teacher who recorded the form */
  consents: z.array(obj({
    campaignId: id, agree: z.boolean(), via: consentVia, byName: str, at: ms, version: int.positive(), overrodeDecline: z.boolean(),
    paper: paperEvidence.nullable(),
  })),
  /** public facts about each hospital: designation, phone, address (content branch) */
  hospitals: z.array(obj({ id, name: str, lines: z.array(str) })),
});

/** A class teacher: who has finished, nothing more (no level, urgency, crisis, answers). */
const completionAsClassTeacher = obj({
  campaign: obj({ id, name: str, closesOn: day }),
  classes: z.array(obj({
    classId: id, className: str,
    students: z.array(obj({
      studentId: id, name: str, status: z.enum(['finished', 'not_finished', 'awaiting_consent', 'declined']), nudgedAt: ms.nullable(),
      // the family has a guardian on the app (the class teacher's holiday page shows the same)
      guardianBound: z.boolean(),
    })),
    counts: obj({ total: int, finished: int, notFinished: int, awaitingConsent: int, declined: int }),
  })),
});

/**
 * Coordinators and the psychology teacher: aggregates only, band cells of 1-4 children withheld, no name or student id.
 * The coverage figures are exact for the psychology teacher (their own school's children, whom they see one by one)
 * and, for a coordinator, none of 1-4 children.
 */
const statsAggregates = (figure: z.ZodTypeAny) => {
  const coverage = { eligible: figure, finished: figure, awaitingConsent: figure, declined: figure };
  return obj({
    campaign: screeningCampaignForStaff,
    total: obj(coverage),
    byCounty: z.array(obj({ countyId: id, name: str, ...coverage })),
    bySchool: z.array(obj({ schoolId: id, name: str, ...coverage, overdueAlerts: int })),
    byClass: z.array(obj({ classId: id, schoolId: str, name: str, ...coverage })),
    bands: z.array(obj({
      countyId: id, countyName: str, grade: int, instrumentId: id, instrumentName: str, n: suppressed,
      bands: z.array(obj({ key: id, label: str, count: suppressed })),
    })),
    // finished is a count of children too: withheld under 5 and where it differs by 1-4 from an earlier campaign (desk branch, suppressSeries)
    trend: z.array(obj({ campaignId: id, name: str, schoolYear: str, semester: int, finished: suppressed, needAttention: suppressed })),
    suppressBelow: z.literal(5),
  });
};

/** Staff who run or follow campaigns: the campaign's settings (with the consent terms families read), never a result. */
const campaignListForStaff = obj({
  items: z.array(obj({
    id, name: str, schoolYear: str, semester: int, opensOn: day, closesOn: day, status: z.enum(['open', 'closed']),
    openNow: z.boolean(), instrumentIds: z.array(id), grades: z.array(int), level: z.enum(['school', 'county', 'city']),
    schools: int, classes: z.array(str).nullable(), canManage: z.boolean(),
    consentText: str, purpose: str, recipients: str, consentVersion: int.positive(),
  })),
});

// ---- holiday letters and commitments -----------------------------------------

const holidayCampaign = obj({
  id, name: str, key: id, start: day, end: day, resume: day, opensOn: day,
  phase: z.enum(['before', 'during']), topics: z.array(id), provisional: z.boolean(),
});
/** A pledge of the letter; `ages`: the children it is for (content, not about any child). */
const pledge = obj({ id, text: str, topic: id, ages: obj({ under: int.positive().optional(), from: int.positive().optional() }).optional() });
const letter = obj({
  title: str, greeting: str, dates: str, intro: z.array(str),
  sections: z.array(obj({ topic: id, title: str, lines: z.array(str) })),
  pledges: z.array(pledge),
  closing: z.array(str),
  sender: str,
});
const signMethod = z.enum(['signature', 'confirm']);
/**
 * The letter; a guardian also gets their own linked children, the pledges for each child's age (which says
 * only what the guardian knows: under 12, under 16), and how each other guardian signed (label, not name or account).
 */
const holidayCurrent = (children: z.ZodTypeAny) => obj({
  day,
  campaign: holidayCampaign.nullable(),
  letter: letter.nullable(),
  pledges: z.array(pledge),
  children,
  next: obj({ id, name: str, opensOn: day }).nullable(),
});
const holidayCurrentAsGuardian = holidayCurrent(z.array(obj({
  id, name: str, campaignId: id.nullable(),
  pledges: z.array(pledge),
  signedByMe: obj({ method: signMethod, at: ms, pledgeIds: z.array(id), pledgeTexts: z.array(str), signatureUrl: str.nullable(), label: str }).nullable(),
  otherGuardians: z.array(obj({ label: str, method: signMethod, at: ms })),
})));
const holidayCurrentAsStaff = holidayCurrent(z.array(z.never()).length(0));

/** The class teacher: who signed for each child of the class, when and how; never the guardians' account ids. */
const progressAsClassTeacher = obj({
  campaign: obj({ id, name: str, start: day, resume: day }),
  signed: int,
  eligible: int,
  items: z.array(obj({
    studentId: id, name: str, signed: z.boolean(),
    signatures: z.array(obj({ guardian: str, method: signMethod, methodName: str, at: ms, atText: str })),
    guardiansLinked: int, unsignedGuardians: int,
  })),
});
const exportAsClassTeacher = obj({ filename: str, csv: str, signed: int, eligible: int });

/** Coordinators: counts per county, school and class, none of 1-4 children; no child, no guardian. */
const counts = { signed: suppressed, eligible: suppressed };
const coverageAsCoordinator = obj({
  campaign: obj({ id, name: str }),
  area: str,
  total: obj(counts),
  counties: z.array(obj({
    id, name: str, ...counts,
    schools: z.array(obj({ id, name: str, ...counts, classes: z.array(obj({ id, name: str, ...counts })) })),
  })),
});

// ---- lessons ---------------------------------------------------------------------

/** The class teacher: per lesson, how many of the class have done it; no names, no per-child list, no ranking. */
const lessonProgressAsClassTeacher = obj({
  classId: id, className: str.nullable(), band: z.enum(['primary_lower', 'primary_upper', 'junior', 'senior']), studentCount: int,
  items: z.array(obj({
    id, topic: id, topicTitle: str, title: str, completed: int, classSessionAt: ms.nullable(), season: str.optional(),
    // how many were left out of a lesson taught in class (a count: who was away is never in this answer)
    absentCount: int.nonnegative(),
  })),
});

// ---- the home tab's cards (they summarise the reads above) --------------------

/**
 * A student's card: the open screening, and after a crisis screen the lasting 想找人聊聊 entry (`talk`, also
 * without an open campaign); never a score or band. A guardian's: the open screening, and whether a paper
 * form was recorded after they said no (they are told; issue 16).
 */
const screeningCardFamily = (role: 'student' | 'guardian') => {
  const card = { role: z.literal(role), campaignId: id, name: str, closesOn: day, consent, finished: z.boolean() };
  return role === 'student'
    ? z.union([obj({ ...card, talk: z.literal(true).optional() }), obj({ role: z.literal('student'), talk: z.literal(true), finished: z.literal(true) })]).nullable()
    // `news`: how many words the psychology teacher left for the family and answered requests (a count, never the text)
    : z.union([obj({ ...card, paperAfterDecline: z.literal(true).optional(), news: int.positive().optional() }), obj({ role: z.literal('guardian'), news: int.positive() })]).nullable();
};
/**
 * a guardian's card: the open letter, how many of their children wait for their signature and for how many
 * they signed (the receipt one tap away: 已签署 · 查看回执); null for everyone else
 */
const holidayCard = obj({ campaignId: id, name: str, unsigned: int.nonnegative(), signed: int.nonnegative() })
  .refine((c) => c.unsigned + c.signed > 0, 'a letter card is about at least one child').nullable();
/**
 * A class teacher's 首页 (client branch, issue 18): counts for their own class only, lessons finished today,
 * the open letter's signed count and start, how many families are not bound; no name, no child.
 */
const classCard = obj({
  lessonsToday: int.nonnegative(),
  holiday: obj({ name: str, signed: int.nonnegative(), eligible: int.nonnegative(), start: day, unbound: int.nonnegative() }).nullable(),
});
const caseCounts = obj({
  open: int, overdue: int, escalated: int, informed: int, unread: int,
  newest: z.array(obj({ id, categoryName: str, priority: z.enum(['P1', 'P2', 'P3']), overdue: z.boolean() })),
});
const homeFamily = (role: 'student' | 'guardian') =>
  obj({ cases: z.null(), screening: screeningCardFamily(role), holiday: role === 'guardian' ? holidayCard : z.null(), klass: z.null() });
const homeStaff = (screening: z.ZodTypeAny, klass: z.ZodTypeAny = z.null()) => obj({ holiday: z.null(), klass, cases: caseCounts, screening });
/** a session whose roles have no card: nothing at all */
const homeNothing = obj({ cases: z.null(), screening: z.null(), holiday: z.null(), klass: z.null() });

/** a role, or a session holding none */
export type ShapeRole = Role | 'no_role';

/**
 * action → role → the exact shape that role receives. A role missing under an
 * action may not call it (FORBIDDEN, audited). Every action here is checked
 * for every role in ROLES of the test.
 */
export const SHAPES: Record<string, Partial<Record<ShapeRole, z.ZodTypeAny>>> = {
  'screening.current': { student: currentAsStudent, guardian: currentAsGuardian },
  'screening.results': { psych_teacher: resultsAsPsych },
  'screening.file': { psych_teacher: fileAsPsych },
  'screening.completion': { class_teacher: completionAsClassTeacher },
  'screening.stats': { psych_teacher: statsAggregates(int), coordinator: statsAggregates(suppressed) },
  'campaign.list': { psych_teacher: campaignListForStaff, coordinator: campaignListForStaff, class_teacher: campaignListForStaff },
  'holiday.current': { guardian: holidayCurrentAsGuardian, class_teacher: holidayCurrentAsStaff, coordinator: holidayCurrentAsStaff },
  'commitment.progress': { class_teacher: progressAsClassTeacher },
  'commitment.export': { class_teacher: exportAsClassTeacher },
  'commitment.coverage': { coordinator: coverageAsCoordinator },
  'lesson.progress': { class_teacher: lessonProgressAsClassTeacher },
  // the same action asked for the class's names (leaving out who was away from a lesson taught together): names only
  'lesson.progress#roster': { class_teacher: obj({ classId: id, students: z.array(obj({ id, name: str })) }) },
  'home.summary': {
    student: homeFamily('student'),
    guardian: homeFamily('guardian'),
    class_teacher: homeStaff(z.null(), classCard),
    // the psychology teacher's own school: counts, the most urgent deadline in words, open PIPL requests
    psych_teacher: homeStaff(obj({
      role: z.literal('psych_teacher'), openAlerts: int, overdue: int,
      nextDue: ms.optional(), nextDueText: str.optional(), nextUrgency: z.enum(['acute', 'same_day', 'week']).optional(),
      openRequests: int.positive().optional(),
    })),
    coordinator: homeStaff(obj({ role: z.literal('coordinator') })),
    // handlers and safety officers see nothing of screening (DESIGN.md §7)
    school_safety_officer: homeStaff(z.null()),
    handler: homeStaff(z.null()),
    // the school admin (enrol branch) handles rosters, classes, codes and staff from their own pages: home.summary is
    // open to any session ('login'), and nothing in it is theirs to see (no case, screening, letter or class card)
    school_admin: homeNothing,
    no_role: homeNothing,
  },
};
