/**
 * 党员名册 (admins): per branch of the chosen scope how many members and how many bound WeChat; a branch's members
 * (phones masked) with 编辑 (also move and retire), 邀请码 and 解除绑定; 新增党员, 导入, 导出 and the scope's tags.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useEffect, useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { roster } from '@/shared/contracts/roster';
import { TAG_SEPARATOR, type RosterEntryView } from '@/shared/roster';
import { errorMessage } from '@/lib/errors';
import { useLoad } from '@/lib/use-load';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import ImportPanel from './ImportPanel';
import MemberForm from './MemberForm';
import '../index/index.css';
import './index.css';

const PAGE = 50;

function RosterPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const [branchId, setBranchId] = useState('');
  const [editing, setEditing] = useState<RosterEntryView | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const { state, reload } = useLoad(() => call(roster.overview, { orgId }));
  useEffect(() => void reload(), [orgId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  const { branches, tags } = state.data;
  const branch = branches.find((item) => item.id === branchId) ?? null;
  const done = (text: string) => {
    setNotice(text);
    setEditing(null);
    void reload();
  };

  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">党员名册</Text>
        <Text className="lx-muted">按支部管理党员；党员绑定微信后才能收到学习和通知。手机号只显示部分。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={(id) => { setOrgId(id); setBranchId(''); }} title="名册范围" />
      {notice ? <Text className="roster-notice">{notice}</Text> : null}
      <View className="lx-card">
        {branches.length === 0 ? <Text className="lx-muted">该范围内还没有党支部。</Text> : null}
        {branches.map((item) => (
          <View key={item.id} className={item.id === branchId ? 'roster-branch roster-branch--on' : 'roster-branch'} onClick={() => setBranchId(item.id)}>
            <Text className="roster-branch__name">{item.name}</Text>
            <Text className="lx-muted">
              党员 {item.active} 人 · 已绑定微信 {item.bound} 人{item.active > item.bound ? ` · 未绑定 ${item.active - item.bound} 人` : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className="roster-actions">
        <Button type="primary" disabled={branches.length === 0} onClick={() => setEditing('new')}>
          新增党员
        </Button>
        <ExportButton orgId={branchId || orgId} />
      </View>
      {editing ? (
        <MemberForm
          branches={branches}
          tags={tags}
          entry={editing === 'new' ? null : editing}
          branchId={branchId || branches[0]?.id || ''}
          onSaved={() => done('已保存')}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {branch ? <Members key={`${branch.id}-${notice}`} branchId={branch.id} onEdit={setEditing} onChanged={done} /> : <Text className="lx-muted roster-hint">点上面的支部查看党员名单。</Text>}
      <ImportPanel orgId={orgId} onImported={(count) => done(`已导入 ${count} 人`)} />
      <TagsEditor orgId={orgId} tags={tags} onSaved={() => done('标签已保存')} />
    </>
  );
}

function Members({ branchId, onEdit, onChanged }: { branchId: string; onEdit: (entry: RosterEntryView) => void; onChanged: (text: string) => void }) {
  const [entries, setEntries] = useState<RosterEntryView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState('');
  const [invite, setInvite] = useState<{ name: string; code: string; expiresAt: number } | null>(null);
  const more = async (offset: number) => {
    try {
      const page = await call(roster.list, { orgId: branchId, offset, limit: PAGE });
      setEntries((previous) => (offset === 0 ? page.entries : [...previous, ...page.entries]));
      setHasMore(page.hasMore);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  useEffect(() => void more(0), [branchId]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = (run: () => Promise<void>) => () => void run().catch((failure) => setError(errorMessage(failure)));
  const makeInvite = (entry: RosterEntryView) =>
    act(async () => {
      const answer = await call(roster.invite, { id: entry.id });
      setInvite({ name: entry.name, ...answer });
    });
  const unbind = (entry: RosterEntryView) =>
    act(async () => {
      const { confirm } = await Taro.showModal({ title: '解除绑定', content: `解除${entry.name}与微信的绑定？解除后本人需重新绑定。` });
      if (!confirm) return;
      await call(roster.unbind, { id: entry.id });
      onChanged(`已解除${entry.name}的绑定`);
    });

  return (
    <View className="lx-card roster-members">
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {invite ? (
        <View className="roster-invite">
          <Text>
            {invite.name}的绑定邀请码：<Text className="roster-invite__code">{invite.code}</Text>
          </Text>
          <Text className="lx-muted">一次有效，{new Date(invite.expiresAt).toLocaleDateString('zh-CN')} 前使用。请当面或电话告诉本人。</Text>
        </View>
      ) : null}
      {entries.length === 0 ? <Text className="lx-muted">这个支部还没有党员，可新增或导入。</Text> : null}
      {entries.map((entry) => (
        <View key={entry.id} className="roster-member">
          <View className="roster-member__who">
            <Text className="roster-member__name">
              {entry.name} {entry.gender}
            </Text>
            <Text className="lx-muted">
              {entry.category} · {entry.status} · 入党 {entry.joinedAt} {entry.phoneMasked ? `· ${entry.phoneMasked}` : ''}
            </Text>
            {entry.tags.length ? <Text className="lx-muted">{entry.tags.join(TAG_SEPARATOR)}</Text> : null}
            <Text className={entry.bound ? 'roster-member__bound' : 'lx-muted'}>{entry.bound ? '已绑定微信' : '未绑定微信'}</Text>
          </View>
          <View className="roster-member__actions">
            <Button size="small" onClick={() => onEdit(entry)}>
              编辑
            </Button>
            {entry.bound ? (
              <Button size="small" onClick={unbind(entry)}>
                解除绑定
              </Button>
            ) : (
              <Button size="small" onClick={makeInvite(entry)}>
                邀请码
              </Button>
            )}
          </View>
        </View>
      ))}
      {hasMore ? (
        <Button size="small" block onClick={() => void more(entries.length)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

function ExportButton({ orgId }: { orgId: string }) {
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ url: string; rows: number } | null>(null);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      const answer = await call(roster.export, { orgId });
      setLink(answer);
      if (process.env.TARO_ENV === 'weapp') {
        const { tempFilePath } = await Taro.downloadFile({ url: answer.url });
        await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button loading={busy} onClick={() => void run()}>
        导出名册
      </Button>
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      {link && process.env.TARO_ENV === 'h5' ? (
        <a className="ledger-result__link" href={link.url} download="党员名册.xlsx">
          下载名册（{link.rows} 人）
        </a>
      ) : null}
    </>
  );
}

function TagsEditor({ orgId, tags, onSaved }: { orgId: string; tags: string[]; onSaved: () => void }) {
  const [text, setText] = useState(tags.join(TAG_SEPARATOR));
  const [error, setError] = useState('');
  useEffect(() => setText(tags.join(TAG_SEPARATOR)), [tags]);
  const save = async () => {
    setError('');
    try {
      await call(roster.setTags, { orgId, tags: text.split(/[、,，\s]+/).filter(Boolean) });
      onSaved();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <View className="lx-card roster-tags">
      <Text className="staff-head__title">党员标签</Text>
      <Text className="lx-muted">本范围及以下支部可用的标签，用“、”分隔。</Text>
      <Input className="lx-input" value={text} onInput={(event) => setText(event.detail.value)} />
      {error ? <Text className="lx-field-error">{error}</Text> : null}
      <Button size="small" onClick={() => void save()}>
        保存标签
      </Button>
    </View>
  );
}

/** 党员名册 (admins). */
export default function RosterPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <RosterPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
