// Placeholder until the function runner lands.
import type { EmulatorModule, InvocationRegistry } from '../protocol';

export interface RunnerOptions {
  root: string;
  registry: InvocationRegistry;
  adminUrl: string;
  envId: string;
  log: (line: string) => void;
}
export type FunctionRunner = EmulatorModule;
export async function createFunctionRunner(_options: RunnerOptions): Promise<FunctionRunner> {
  return { handlers: {} };
}
