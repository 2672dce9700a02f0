import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useCallback, useEffect, useState } from 'react';
import { call } from '@/services';
import { account, type GrantLogEntry } from '@/shared/contracts/account';
import { errorMessage } from '@/lib/errors';
import { fullTime } from '@/lib/time';
import { describeGrant } from '../grants';

const PAGE_SIZE = 20;

/** 授权记录 of the chosen scope, newest first, with 加载更多. `version` changes after every grant or revocation. */
export default function GrantLog({ orgId, version }: { orgId: string; version: number }) {
  const [entries, setEntries] = useState<GrantLogEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState('');

  const load = useCallback(async (offset: number) => {
    try {
      const page = await call(account.grantLog, { orgId, offset, limit: PAGE_SIZE });
      setEntries((current) => (offset === 0 ? page.entries : [...current, ...page.entries.filter((e) => !current.some((c) => c.id === e.id))]));
      setHasMore(page.hasMore);
      setError('');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [orgId]);

  // A grant or revocation bumps `version`: start again from the newest entry.
  useEffect(() => {
    void load(0);
  }, [load, version]);

  return (
    <View className="lx-card">
      {error ? <Text className="staff-form__error">{error}</Text> : null}
      {entries.length === 0 && !error ? <Text className="lx-muted">还没有授权记录</Text> : null}
      {entries.map((entry) => (
        <View className="lx-grant-log" key={entry.id}>
          <Text>{describeGrant(entry)}</Text>
          <Text className="lx-muted">{fullTime(entry.at)}</Text>
        </View>
      ))}
      {hasMore ? (
        <Button size="large" block onClick={() => void load(entries.length)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
