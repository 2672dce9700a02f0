/** Every cloud function's contract, by function name: the role-matrix test and the gateway read this list. */
import { account } from './account';
import { cases } from './case';
import { inbox } from './inbox';
import { roster } from './roster';
import { studio } from './studio';
import { system } from './system';

export const CONTRACTS = { account, inbox, system, studio, case: cases, roster } as const;

export { account, cases, inbox, roster, studio, system };
