// Placeholder until the database module lands: every database action answers "not implemented".
import type { EmulatorModule } from '../protocol';

export interface DatabaseOptions {
  dataDir: string | null;
  manifestDir?: string;
  unindexedQuery?: 'warn' | 'fail' | 'off';
  scanThreshold?: number;
  log: (line: string) => void;
}
export type DatabaseModule = EmulatorModule;
export async function createDatabase(_options: DatabaseOptions): Promise<DatabaseModule> {
  return { handlers: {} };
}
