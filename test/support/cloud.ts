/**
 * Test harness: an in-memory emulator on a free port, and the real wx-server-sdk pointed at it
 * through TCB_CONTEXT_CNFG — exactly how a deployed function would reach the real cloud.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';

export interface TestCloud {
  emulator: Emulator;
  /** The real wx-server-sdk module, initialised against the emulator. */
  sdk: typeof import('wx-server-sdk');
  close(): Promise<void>;
}

/** Environment the real SDK needs to talk to a local /admin endpoint (credentials may be any value). */
export function sdkEnvironment(adminUrl: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SILENCE: 'true',
  };
}

export async function startTestCloud(options: EmulatorOptions = {}): Promise<TestCloud> {
  const emulator = await startEmulator({ dataDir: null, ...options });
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: emulator.envId });
  return { emulator, sdk, close: () => emulator.close() };
}
