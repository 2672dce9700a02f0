/**
 * `case`: the 意见征询 case end to end — the resident's form (idempotent, rate-limited, content-checked), paper intake
 * and claim, 我也遇到, every transition of the state machine with its audit trail and notices, the three lists, staff
 * figures and the 台账 export, and the daily 限时办结 timer.
 */
import { relationsOf } from '../../../../src/shared/cases/relations';
import { cases } from '../../../../src/shared/contracts/case';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { serve } from '../../app/serve';
import { claimPaper } from './claim';
import { requireCleanText, SCENE } from './content-check';
import { listHeld, rejectHeld, releaseHeld } from './held';
import { photoPath } from './photos';
import { joinCase, similarCases } from './offers';
import { myRatings } from './ratings';
import { adminList, caseDetail, deputyInbox, myCases, readContact } from './reads';
import { loadCategories } from './reference';
import { exportLedger, figures } from './reports';
import { loadCase } from './store';
import { submitOnline, submitPaper } from './submit';
import { DEADLINE_TRIGGER, runDeadlines } from './timer';
import { actorOf, handlerFor, step } from './transitions';

export const main = serve(
  cases,
  {
    categories: async (_input, { db }) => ({ categories: await loadCategories(db) }),
    submit: submitOnline,
    paperIntake: submitPaper,
    claim: claimPaper,
    photoPath: (input, ctx) => photoPath(input, ctx),
    similar: similarCases,
    join: ({ caseId }, ctx) => joinCase(caseId, ctx),
    mine: myCases,
    get: ({ id }, ctx) => caseDetail(id, ctx),
    contact: ({ id }, ctx) => readContact(id, ctx),

    assign: ({ id, deputyOpenid }, ctx) =>
      step(ctx, id, 'assign', {
        command: async (doc) => {
          const { handler, studio } = await handlerFor(ctx.db, doc.studioId, deputyOpenid);
          return { command: { type: 'assign', handler }, studio };
        },
      }),
    refuse: ({ id, reason }, ctx) => step(ctx, id, 'refuse', { command: () => ({ command: { type: 'refuse', reason } }) }),
    start: ({ id }, ctx) => step(ctx, id, 'start', { command: () => ({ command: { type: 'start' } }) }),
    reply: ({ id, text, photos }, ctx) =>
      step(ctx, id, 'reply', {
        command: () => ({ command: { type: 'reply', text, photos } }),
        check: () => requireCleanText(ctx.caller.openid, text, SCENE.reply),
      }),
    transfer: ({ id, studioId, deputyOpenid, reason }, ctx) =>
      step(ctx, id, 'transfer', {
        command: async (doc) => {
          if (!studioId && !deputyOpenid) {
            throw new AppError(ErrorCodes.INPUT_INVALID, '请选择转办的工作室或代表', { fields: { studioId: '请选择转办的工作室或代表' } });
          }
          const target = studioId ?? doc.handler?.studioId ?? doc.studioId;
          const { handler, studio } = await handlerFor(ctx.db, target, deputyOpenid);
          return { command: { type: 'transfer', handler, reason }, studio };
        },
      }),
    extend: ({ id, reason, days }, ctx) => step(ctx, id, 'extend', { command: () => ({ command: { type: 'extend', reason, days } }) }),
    rate: async ({ id, attitude, solved }, ctx) => {
      // A 我也遇到 co-reporter's rating is their own (co_rate): it never decides the reporter's outcome.
      const type = relationsOf(await loadCase(ctx.db, id), actorOf(ctx.caller)).includes('follower') ? 'co_rate' : 'rate';
      return step(ctx, id, type, { command: () => ({ command: { type, attitude, solved } }) });
    },
    close: ({ id }, ctx) => step(ctx, id, 'close', { command: () => ({ command: { type: 'close' } }) }),
    note: ({ id, text }, ctx) => step(ctx, id, 'note', { command: () => ({ command: { type: 'note', text } }) }),

    deputyInbox: deputyInbox,
    myRatings: myRatings,
    adminList: adminList,
    figures: figures,
    export: exportLedger,

    heldList: listHeld,
    heldRelease: releaseHeld,
    heldReject: rejectHeld,
  },
  { [DEADLINE_TRIGGER]: (ctx) => runDeadlines(ctx) },
);
