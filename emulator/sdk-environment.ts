/** The environment variables that point the real wx-server-sdk at this emulator, in one place for every caller. */
import { randomBytes } from 'node:crypto';
import { DEFAULT_ENV_ID } from './defaults';

// WeChat cloud environments live in Shanghai unless created elsewhere; the SDK only puts it in a header.
const SCF_REGION = 'ap-shanghai';

/** The per-run key pair /admin checks every SDK signature against (admin-auth.ts). */
export interface SdkCredentials {
  secretId: string;
  secretKey: string;
}

/** A fresh pair for one run of the local cloud. */
export function newCredentials(): SdkCredentials {
  return { secretId: `AKIDlocal${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
}

// Emulators started in this process (and child-process emulators whose printed key a test read) by /admin URL, so a
// caller holding only the URL still gets the right key.
const known = new Map<string, SdkCredentials>();

export function rememberCredentials(adminUrl: string, credentials: SdkCredentials): void {
  known.set(adminUrl, credentials);
}

export function credentialsFor(adminUrl: string): SdkCredentials | undefined {
  return known.get(adminUrl);
}

/**
 * What SCF sets in every function instance. Without TENCENTCLOUD_RUNENV the SDK believes it runs off-cloud and probes
 * metadata.tencentyun.com twice before every call (~30 ms each offline); in production it never does.
 */
export function scfEnvironment(envId: string): Record<string, string> {
  return { TENCENTCLOUD_RUNENV: 'SCF', SCF_NAMESPACE: envId, TENCENTCLOUD_REGION: SCF_REGION };
}

/**
 * Everything the SDK needs to talk to a local /admin endpoint as a deployed function would, with that emulator's
 * per-run credentials (an unknown URL gets placeholders, which /admin refuses).
 */
export function sdkEnvironment(adminUrl: string, envId: string = DEFAULT_ENV_ID, credentials = credentialsFor(adminUrl)): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: credentials?.secretId ?? 'unknown-secret-id',
    TENCENTCLOUD_SECRETKEY: credentials?.secretKey ?? 'unknown-secret-key',
    SILENCE: 'true',
    ...scfEnvironment(envId),
  };
}
