/** Every cloud function's contract, by function name: the role-matrix test and the gateway read this list. */
import { account } from './account';
import { inbox } from './inbox';
import { system } from './system';

export const CONTRACTS = { account, inbox, system } as const;

export { account, inbox, system };
