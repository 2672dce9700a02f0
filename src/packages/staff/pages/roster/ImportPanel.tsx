/**
 * 导入名册: choose an .xlsx/.csv, see every row the cloud found wrong (nothing is written yet), then 确认导入 — the
 * confirm is called until the cloud says done (a big file takes several calls), and calling it again adds nobody twice.
 */
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { pickTable, uploadTable } from '@/services/roster-files';
import { roster, type ImportPreview } from '@/shared/contracts/roster';
import { ROSTER_COLUMNS } from '@/shared/roster';
import { errorMessage } from '@/lib/errors';

export default function ImportPanel({ orgId, onImported }: { orgId: string; onImported: (count: number) => void }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');

  const choose = async () => {
    setError('');
    try {
      const table = await pickTable();
      if (!table) return;
      setBusy('正在检查表格…');
      const fileID = await uploadTable(table);
      setPreview(await call(roster.importPreview, { orgId, fileID }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy('');
    }
  };

  const confirm = async () => {
    if (!preview || busy) return;
    setError('');
    try {
      let progress = await call(roster.importConfirm, { importId: preview.importId });
      while (progress.status !== 'done') {
        setBusy(`正在导入 ${progress.written}/${progress.total}…`);
        progress = await call(roster.importConfirm, { importId: preview.importId });
      }
      setPreview(null);
      onImported(progress.total);
    } catch (failure) {
      setError(`${errorMessage(failure)}（可再点确认导入，已导入的不会重复）`);
    } finally {
      setBusy('');
    }
  };

  return (
    <View className="lx-card roster-import">
      <Text className="staff-head__title">导入名册</Text>
      <Text className="lx-muted">表格第一行为表头：{ROSTER_COLUMNS.join('、')}。先预览检查，确认后才写入。</Text>
      <Button size="large" block loading={busy !== '' && !preview} onClick={() => void choose()}>
        选择表格（.xlsx / .csv）
      </Button>
      {busy ? <Text className="lx-muted">{busy}</Text> : null}
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {preview ? (
        <View className="roster-preview">
          <Text className="roster-preview__summary">
            共 {preview.total} 行：可导入 {preview.valid} 行{preview.invalid ? `，有误 ${preview.invalid} 行（不会导入，请改好后重新选择文件）` : ''}
          </Text>
          {preview.status === 'done' ? <Text className="lx-muted">这个文件已经导入过了。</Text> : null}
          {preview.rows.map((row) => (
            <View key={row.row} className={row.errors.length ? 'roster-preview__row roster-preview__row--bad' : 'roster-preview__row'}>
              <Text>
                第 {row.row} 行 {row.name || '（无姓名）'} {row.branchName} {row.joinedAt} {row.phoneMasked}
              </Text>
              {row.errors.map((problem) => (
                <Text key={`${problem.column}-${problem.message}`} className="lx-field-error">
                  {problem.column}：{problem.message}
                </Text>
              ))}
            </View>
          ))}
          {preview.valid > 0 && preview.status !== 'done' ? (
            <Button type="primary" size="large" block loading={busy !== ''} onClick={() => void confirm()}>
              确认导入 {preview.valid} 人
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
