/**
 * 党员名册 import at a street's size, through the real functions (runner → wx-server-sdk → emulator, unindexed queries
 * failing): 2,000 rows from an .xlsx — upload, preview, then confirm until done, as the staff page does — timed, with
 * the cloud API calls (database and storage requests reaching the emulator's /admin) the functions made.
 */
import type { LocalStack } from '../../scripts/local/stack';
import { roster } from '../../src/shared/contracts';
import type { ActionContract, OutputOf } from '../../src/shared/contract';
import { ROSTER_COLUMNS, type RosterColumn } from '../../src/shared/roster';
import { buildRosterWorkbook } from '../../cloud/src/domain/roster/workbook';
import { startBenchCloud } from '../cloud';
import type { BenchSuite, Figure } from '../types';

const ROWS = 2000;
const ADMIN = 'o_demo_admin';

export const rosterSuite: BenchSuite = {
  name: 'roster',
  notes: [
    'in-memory store; "cloud API calls" counts every /admin request the functions made (database reads and writes, storage)',
    'confirm writes rows 25 at a time, each an add with its own _id (a retry or a second confirm adds nobody twice)',
  ],
  async run(progress) {
    const { stack, close } = await startBenchCloud('roster');
    const figures: Figure[] = [];
    try {
      const calls = countAdminCalls(stack);
      const call = caller(stack);
      const rows = Array.from({ length: ROWS }, (_unused, i) => member(i));
      const xlsx = await buildRosterWorkbook(rows);
      progress(`importing ${ROWS} rows (${Math.round(xlsx.length / 1024)} KB .xlsx)`);
      const start = process.hrtime.bigint();
      const before = calls();
      const { cloudPath } = await call(roster.uploadPath, { ext: 'xlsx' });
      const fileID = await stack.emulator.storage.put(cloudPath, xlsx, ADMIN);
      const preview = await call(roster.importPreview, { orgId: 'org-donghu', fileID });
      const previewMs = Number(process.hrtime.bigint() - start) / 1e6;
      const afterPreview = calls();
      let confirms = 1;
      let done = await call(roster.importConfirm, { importId: preview.importId });
      while (done.status !== 'done') {
        confirms += 1;
        done = await call(roster.importConfirm, { importId: preview.importId });
      }
      const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (done.written !== ROWS) throw new Error(`imported ${done.written} of ${ROWS}`);
      figures.push({ name: `import ${ROWS} rows, wall time`, value: totalMs, unit: 'ms', note: `preview ${previewMs.toFixed(0)} ms, confirm calls ${confirms}` });
      figures.push({ name: `import ${ROWS} rows, cloud API calls`, value: calls() - before, unit: 'calls', note: `preview ${afterPreview - before}, confirm ${calls() - afterPreview}` });
      figures.push({ name: 'import, cloud API calls per row', value: (calls() - before) / ROWS, unit: 'calls' });
    } finally {
      await close();
    }
    return figures;
  },
};

function member(i: number): Record<RosterColumn, string> {
  const values: Partial<Record<RosterColumn, string>> = {
    姓名: `党员${i}`, 性别: i % 2 ? '女' : '男', 手机号: `137${String(i).padStart(8, '0')}`, 所在支部: '东湖社区第一党支部',
    入党日期: `${1960 + (i % 60)}-07-01`, 转正日期: `${1961 + (i % 60)}-07-01`, 党员类别: '正式', 状态: '正常', 标签: '在职',
  };
  return Object.fromEntries(ROSTER_COLUMNS.map((column) => [column, values[column] ?? ''])) as Record<RosterColumn, string>;
}

/** Counts /admin requests: the server resolves the caller of every one through the invocation registry. */
function countAdminCalls(stack: LocalStack): () => number {
  const registry = stack.emulator.registry;
  const resolve = registry.resolve.bind(registry);
  let count = 0;
  registry.resolve = (token) => {
    count += 1;
    return resolve(token);
  };
  return () => count;
}

function caller(stack: LocalStack): <A extends ActionContract>(contract: A, payload: Record<string, unknown>) => Promise<OutputOf<A>> {
  const runner = stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  return async (contract, payload) => {
    const reply = (await runner.invoke(contract.fn, { action: contract.name, payload }, { OPENID: ADMIN, source: 'wx_client' })) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    if (!reply.ok) throw new Error(`${contract.fn}.${contract.name}: ${reply.error?.code} ${reply.error?.message}`);
    return reply.data as OutputOf<typeof contract>;
  };
}
