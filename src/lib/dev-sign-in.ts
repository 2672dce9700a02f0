/** Local demo identities (h5 dev mode only): the gateway signs the chosen persona's openid into a cookie. */
import { gatewayRequest, type GatewayOptions } from './gateway';

export interface Persona {
  key: string;
  openid: string;
  label: string;
  description: string;
}

export interface PersonaList {
  personas: Persona[];
  /** The openid this browser is signed in as, or null before its first call. */
  current: string | null;
}

/** The demo personas and who this browser is now; rejects with a GatewayError (403) outside dev mode. */
export function listPersonas(options?: GatewayOptions): Promise<PersonaList> {
  return gatewayRequest<PersonaList>('GET', '/api/_dev/personas', undefined, options);
}

/** Signs this browser in as a persona. */
export async function signInAs(personaKey: string, options?: GatewayOptions): Promise<void> {
  await gatewayRequest<{ persona: string }>('POST', '/api/_dev/sign-in', { persona: personaKey }, options);
}

/** Forgets the persona: the next call makes this browser a fresh anonymous resident. */
export async function signOut(options?: GatewayOptions): Promise<void> {
  await gatewayRequest<Record<string, never>>('POST', '/api/_dev/sign-out', {}, options);
}
