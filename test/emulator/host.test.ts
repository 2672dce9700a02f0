/**
 * HOST says where the local cloud listens: 127.0.0.1 (this machine only) unless set, so nothing on the network
 * reaches the raw database protocol by default; another address is taken as given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killHard, spawnEmulator } from '../support/process';

const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-host-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('npm run emulator listens on 127.0.0.1 by default and on the address HOST names', async () => {
  const plain = await spawnEmulator(join(dataDir, 'a'), { HOST: '' });
  try {
    expect(plain.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
  } finally {
    await killHard(plain);
  }
  const other = await spawnEmulator(join(dataDir, 'b'), { HOST: '127.0.0.2' });
  try {
    expect(other.adminUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/admin$/);
    expect((await fetch(`${other.url}/_emulator/outbox`)).status).toBe(401);
  } finally {
    await killHard(other);
  }
}, 60_000);
