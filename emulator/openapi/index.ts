// Placeholder until the open API module lands.
import type { EmulatorModule } from '../protocol';

export interface OpenApiOptions {
  dataDir: string | null;
  secCheckWords?: string[];
  log: (line: string) => void;
}
export type OpenApiModule = EmulatorModule;
export async function createOpenApi(_options: OpenApiOptions): Promise<OpenApiModule> {
  return { handlers: {} };
}
