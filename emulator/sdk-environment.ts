/** The environment variables that point the real wx-server-sdk at this emulator, in one place for every caller. */
import { DEFAULT_ENV_ID } from './defaults';

// WeChat cloud environments live in Shanghai unless created elsewhere; the SDK only puts it in a header.
const SCF_REGION = 'ap-shanghai';

/**
 * What SCF sets in every function instance. Without TENCENTCLOUD_RUNENV the SDK believes it runs off-cloud and probes
 * metadata.tencentyun.com twice before every call (~30 ms each offline); in production it never does.
 */
export function scfEnvironment(envId: string): Record<string, string> {
  return { TENCENTCLOUD_RUNENV: 'SCF', SCF_NAMESPACE: envId, TENCENTCLOUD_REGION: SCF_REGION };
}

/** Everything the SDK needs to talk to a local /admin endpoint as a deployed function would (credentials may be any value). */
export function sdkEnvironment(adminUrl: string, envId: string = DEFAULT_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SILENCE: 'true',
    ...scfEnvironment(envId),
  };
}
