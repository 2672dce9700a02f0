/** Every cloud function's contract, by function name: the role-matrix test and the gateway read this list. */
import { account } from './account';
import { cases } from './case';
import { inbox } from './inbox';
import { push } from './push';
import { roster } from './roster';
import { studio } from './studio';
import { system } from './system';

export const CONTRACTS = { account, inbox, system, studio, case: cases, roster, push } as const;

export { account, cases, inbox, push, roster, studio, system };
