/** Every cloud function's contract, by function name: the role-matrix test and the gateway read this list. */
import { account } from './account';
import { birthday } from './birthday';
import { care } from './care';
import { cases } from './case';
import { inbox } from './inbox';
import { push } from './push';
import { roster } from './roster';
import { studio } from './studio';
import { study } from './study';
import { studyQuiz } from './study-quiz';
import { studyStaff } from './study-staff';
import { system } from './system';

export const CONTRACTS = { account, inbox, system, studio, case: cases, roster, push, study: { ...study, ...studyStaff, ...studyQuiz }, care, birthday } as const;

export { account, birthday, care, cases, inbox, push, roster, studio, study, studyQuiz, studyStaff, system };
