/**
 * Test harness: an in-memory emulator on a free port, and the real wx-server-sdk pointed at it
 * through TCB_CONTEXT_CNFG — exactly how a deployed function would reach the real cloud.
 */
import * as wxCloud from 'wx-server-sdk';
import { sdkEnvironment } from '../../emulator/sdk-environment';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server';

export interface TestCloud {
  emulator: Emulator;
  /** The real wx-server-sdk module, initialised against the emulator. */
  sdk: typeof wxCloud;
  close(): Promise<void>;
}

export { sdkEnvironment };

export async function startTestCloud(options: EmulatorOptions = {}): Promise<TestCloud> {
  const emulator = await startEmulator({ dataDir: null, ...options });
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl, emulator.envId));
  // The SDK reads TCB_CONTEXT_CNFG on every request, so importing it before the env is set is fine.
  wxCloud.init({ env: emulator.envId });
  return { emulator, sdk: wxCloud, close: () => emulator.close() };
}

/** Runs `body` with the real SDK pointed at a separate emulator, then points it back at `home` and closes the other. */
export async function withEmulator(home: TestCloud, options: EmulatorOptions, body: (emulator: Emulator) => Promise<void>): Promise<void> {
  const emulator = await startEmulator({ dataDir: null, ...options });
  Object.assign(process.env, sdkEnvironment(emulator.adminUrl, emulator.envId));
  try {
    await body(emulator);
  } finally {
    Object.assign(process.env, sdkEnvironment(home.emulator.adminUrl, home.emulator.envId));
    await emulator.close();
  }
}
