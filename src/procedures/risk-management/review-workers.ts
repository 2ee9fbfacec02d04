import type { JobContext } from '../../jobs/job-worker.js';
import { reviewItem, riskItem } from './form-variables.js';
import { completedIterations, listOf, ratingOrNull, settingsOf, textOrNull } from './job-inputs.js';
import { addMonths, formatShortDay, vietnamDate, wakeUpTime } from './review-dates.js';
import { scoreOf } from './risk-matrix.js';
import { findRisk, readInstanceRisks, type RiskRecord } from './risk-records.js';

/**
 * Tells whether any risk of the assessment is still monitored and when the earliest review date
 * wakes its owner. The timer of the model waits for `nextReviewAt`.
 */
export function monitoringState(risks: RiskRecord[]) {
  const dates = risks
    .filter((risk) => risk.status === 'monitoring' && risk.reviewDate)
    .map((risk) => risk.reviewDate as string)
    .sort();
  return {
    reviewsPending: dates.length > 0,
    nextReviewOn: dates[0] ?? null,
    nextReviewAt: dates[0] ? wakeUpTime(dates[0]) : null,
  };
}

/**
 * Runs when the review timer fires: reads the register again, because the secretary may have
 * moved a review date, and lists the monitored risks whose review date has come. Their owners'
 * departments get a notification and each risk a review task.
 */
export async function collectDueRisks(job: JobContext) {
  const today = vietnamDate(job.now);
  const monitored = (await readInstanceRisks(job.trx, job.processInstanceKey)).filter(
    (risk) => risk.status === 'monitoring',
  );
  const due = monitored.filter((risk) => (risk.reviewDate ?? today) <= today);
  const later = monitored.filter((risk) => !due.includes(risk));
  const departments = [...new Set(due.map((risk) => risk.departmentCode ?? ''))].filter(Boolean);
  job.logger.info(
    { processInstanceKey: job.processInstanceKey, due: due.length, later: later.length },
    'risks due for review collected',
  );
  return {
    dueRisks: due.map(reviewItem),
    reviewsDue: due.length > 0,
    reviewDepartments: departments,
    reviewDueOn: formatShortDay(today),
    // The output collection of the review tasks starts empty on every round.
    reviews: [],
    ...(due.length > 0 ? {} : monitoringState(later)),
  };
}

interface Review {
  riskId: string;
  likelihood: number | null;
  severity: number | null;
  outcome: string | null;
  note: string | null;
  reviewedBy: string;
}

// The latest completed review task of each due risk: a risk kept under monitoring has the tasks
// of earlier rounds too.
async function reviewsOf(job: JobContext): Promise<Review[]> {
  const due = new Set(listOf(job.variables.dueRisks).map((risk) => String(risk.id)));
  const latest = new Map<string, Review>();
  for (const iteration of await completedIterations(job, 'Task_ReviewRisk')) {
    const risk = iteration.localVariables.risk as { id?: unknown } | undefined;
    const riskId = String(risk?.id);
    if (!due.has(riskId)) continue;
    latest.set(riskId, {
      riskId,
      likelihood: ratingOrNull(iteration.submitted.reviewLikelihood),
      severity: ratingOrNull(iteration.submitted.reviewSeverity),
      outcome: textOrNull(iteration.submitted.reviewOutcome),
      note: textOrNull(iteration.submitted.reviewNote),
      reviewedBy: iteration.completedBy,
    });
  }
  return [...latest.values()];
}

/**
 * Records the owners' reviews: each risk gets its current rating, and either a new review date
 * `riskReviewMonths` after today or, when its owner closes it, the closed status.
 */
export async function recordReviews(job: JobContext) {
  const settings = await settingsOf(job);
  const today = vietnamDate(job.now);

  for (const review of await reviewsOf(job)) {
    const risk = await findRisk(job.trx, job.unitId, review.riskId, { forUpdate: true });
    if (!risk || risk.status !== 'monitoring') continue;
    const likelihood = review.likelihood ?? risk.residualLikelihood ?? risk.likelihood;
    const severity = review.severity ?? risk.residualSeverity ?? risk.severity;
    const current = scoreOf(settings.riskMatrix, likelihood, severity);
    const closed = review.outcome === 'close';
    await job
      .trx('risks')
      .where({ id: risk.id })
      .update({
        residual_likelihood: likelihood,
        residual_severity: severity,
        residual_score: current.score,
        residual_level: current.level,
        last_reviewed_on: today,
        review_note: review.note,
        review_date: closed ? risk.reviewDate : addMonths(today, settings.riskReviewMonths),
        status: closed ? 'closed' : 'monitoring',
        updated_at: job.now,
        updated_by: review.reviewedBy,
      });
  }

  const risks = await readInstanceRisks(job.trx, job.processInstanceKey);
  return { risks: risks.map(riskItem), dueRisks: [], ...monitoringState(risks) };
}
