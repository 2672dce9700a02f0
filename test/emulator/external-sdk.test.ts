/**
 * Acceptance: `npm run emulator`, then ANY wx-server-sdk program pointed at it sees production behaviour. The program here
 * is test/fixtures/external/sdk-script.js — plain CommonJS requiring only wx-server-sdk — run in its own node process
 * with nothing but the environment the emulator tells users to set.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { killHard, spawnEmulator, type EmulatorProcess } from '../support/process';

const SCRIPT = join(__dirname, '../fixtures/external/sdk-script.js');
const FUNCTIONS = join(__dirname, '../fixtures/functions');

interface Rejection {
  rejected?: { errCode?: number; errMsg?: string; reason?: unknown };
}

// The script's printed results, typed only as far as the assertions read them.
interface ScriptResults {
  database: Record<string, unknown> & {
    createExisting: Rejection;
    missingCollection: Rejection;
    missingDoc: Rejection;
    transaction: { committedReturned: number; rolledBack: Rejection; balances: Array<[string, number]> };
  };
  functions: { event: unknown; missing: Rejection };
  openapi: {
    noCredit: Rejection;
    clean: { errCode: number; suggest: string; label: number };
    risky: { errCode: number; suggest: string; label: number };
  };
  storage: { fileID: string; urlStatus: number; served: { status: number; sameBytes: boolean }; deleteStatus: number; afterDeleteStatus: number };
  unimplemented: Rejection;
}

let dataDir: string;
let emulator: EmulatorProcess;
let results: ScriptResults;

/** The environment exactly as the emulator prints it under "Point wx-server-sdk at it with:". */
function printedEnvironment(output: string): Record<string, string> {
  const line = /^\s*(TCB_CONTEXT_CNFG=.*)$/m.exec(output)?.[1];
  if (!line) throw new Error(`the emulator printed no environment line:\n${output}`);
  const env: Record<string, string> = {};
  for (const [, key, quoted, bare] of line.matchAll(/(\w+)=(?:'([^']*)'|(\S+))/g)) env[key] = quoted ?? bare;
  return env;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lianxin-external-'));
  emulator = await spawnEmulator(dataDir, { LIANXIN_FUNCTIONS: FUNCTIONS });
  const env = { PATH: process.env.PATH ?? '', ...printedEnvironment(emulator.output()) };
  const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT], { env, timeout: 60_000 });
  results = JSON.parse(stdout) as ScriptResults;
}, 90_000);

afterAll(async () => {
  if (emulator) await killHard(emulator);
  rmSync(dataDir, { recursive: true, force: true });
});

test('the emulator prints the environment a script needs: its /admin URL and this run\'s key', () => {
  expect(printedEnvironment(emulator.output())).toEqual({
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: emulator.adminUrl }),
    TENCENTCLOUD_SECRETID: expect.stringMatching(/^AKIDlocal[0-9a-f]{24}$/),
    TENCENTCLOUD_SECRETKEY: expect.stringMatching(/^[\w-]{32}$/),
  });
});

test('the same script with any other key is refused: /admin answers only calls signed with this run\'s key', async () => {
  const env = { PATH: process.env.PATH ?? '', ...printedEnvironment(emulator.output()), TENCENTCLOUD_SECRETKEY: 'local' };
  const probe = "const c=require('wx-server-sdk');c.init({env:'lianxin-local'});c.database().collection('people').get().then(()=>console.log('allowed'),(e)=>console.log('refused',e.errMsg||e.message))";
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', probe], { env, cwd: join(__dirname, '../..'), timeout: 30_000 });
  expect(stdout).toMatch(/^refused .*签名不对/);
});

describe('database, as the script saw it', () => {
  test('createCollection succeeds once; creating it again fails with "Table exist"', () => {
    expect(results.database.createCollection).toBe('createCollection:ok');
    expect(results.database.createExisting.rejected?.errMsg).toContain('Table exist: people');
  });

  test('add with db.serverDate() stores a Date set by the server during the call', () => {
    expect(results.database.serverDate).toEqual({ isDate: true, withinCall: true, idType: 'string' });
    expect(results.database.batchInsertedIds).toBe(9);
  });

  test('where + orderBy + skip + limit + field return the requested page with only the requested fields', () => {
    // group a with n ≥ 2 is 3, 5, 7, 9; descending, skipping one, two of them.
    expect(results.database.query).toEqual([{ name: 'p7', n: 7 }, { name: 'p5', n: 5 }]);
    expect(results.database.queryRegExp).toEqual(['p1', 'p2']);
    expect(results.database.count).toBe(4);
  });

  test('update applies every operator the SDK emits: inc, mul, push each, nested merge, remove, min, max, pull, addToSet', () => {
    expect(results.database.update).toEqual({
      updated: 1,
      ignored: 'string',
      doc: { name: 'p1', group: 'a', n: 11, score: 0, tags: ['y'], profile: { city: '武汉' }, low: 3, high: 7, set: ['only-once'] },
    });
    expect(results.database.whereUpdate).toBe(4);
  });

  test('set replaces the whole document and keeps its _id; set on a missing id creates it', () => {
    expect(results.database.set).toEqual({ doc: { name: 'p1', replaced: true }, keptId: true });
    expect(results.database.upsert).toEqual({ stats: { updated: 0, created: 1 }, doc: { _id: 'upserted-1', name: 'new' } });
  });

  test('aggregate groups, sums and sorts', () => {
    expect(results.database.aggregate).toEqual([
      { _id: 'a', total: 0 + 3 + 5 + 7 + 9, people: 5 },
      { _id: 'b', total: 2 + 4 + 6 + 8, people: 4 },
    ]);
  });

  test('remove by id and by query report how many were removed', () => {
    expect(results.database.removeDoc).toBe(1);
    expect(results.database.removeWhere).toBe(4);
    expect(results.database.countAfterRemove).toBe(6);
  });

  test('a transaction commits both updates; a rolled-back one rejects with its reason and changes nothing', () => {
    expect(results.database.transaction).toEqual({
      committedReturned: 100,
      rolledBack: { rejected: { reason: '余额不足' } },
      balances: [['alice', 70], ['bob', 30]],
    });
  });

  test('a query on a collection that was never created fails with -502005', () => {
    expect(results.database.missingCollection.rejected).toMatchObject({ errCode: -502005, errMsg: expect.stringContaining('never_created') });
  });

  test('doc().get() of a missing document fails with "does not exist"', () => {
    expect(results.database.missingDoc.rejected?.errMsg).toBe('document.get:fail document with _id no-such-id does not exist');
  });
});

describe('functions, open API, storage and the unimplemented, as the script saw them', () => {
  test('callFunction runs the deployed function with the data sent; an unknown function fails naming it', () => {
    expect(results.functions.event).toEqual({ hello: '连心' });
    expect(results.functions.missing.rejected?.errMsg).toContain('FunctionName parameter could not be found');
    expect(results.functions.missing.rejected?.errMsg).toContain('no_such_function');
  });

  test('subscribeMessage.send to a user without subscription credit fails with 43101', () => {
    expect(results.openapi.noCredit.rejected).toMatchObject({ errCode: 43101, errMsg: expect.stringContaining('user refuse to accept the msg') });
  });

  test('msgSecCheck passes ordinary text and flags a listed word with its label', () => {
    expect(results.openapi.clean).toEqual({ errCode: 0, suggest: 'pass', label: 100 });
    expect(results.openapi.risky).toEqual({ errCode: 0, suggest: 'risky', label: 20006 });
  });

  test('uploadFile gives a fileID whose temp URL serves the bytes; deleteFile removes it', () => {
    expect(results.storage.fileID).toMatch(/^cloud:\/\/lianxin-local\.[0-9a-f]{4}-lianxin-local-\d+\/external\/hello\.txt$/);
    expect(results.storage).toMatchObject({ urlStatus: 0, served: { status: 200, sameBytes: true }, deleteStatus: 0, afterDeleteStatus: -503003 });
  });

  test('an action the emulator does not implement (cloud payment) fails naming the action', () => {
    expect(results.unimplemented.rejected?.errMsg).toContain('action not implemented by the Lianxin emulator): wx.wxPayApi');
  });
});
