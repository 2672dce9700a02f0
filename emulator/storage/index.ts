// Placeholder until the storage module lands.
import type { EmulatorModule } from '../protocol';

export interface StorageOptions {
  dataDir: string | null;
  publicUrl: () => string;
  log: (line: string) => void;
}
export type StorageModule = EmulatorModule;
export async function createStorage(_options: StorageOptions): Promise<StorageModule> {
  return { handlers: {} };
}
