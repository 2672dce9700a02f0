/** 新增 / 编辑党员: one member's fields, checked by the cloud with the same rules as an import row. */
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import Choices from '@/components/Choices';
import FormField from '@/components/FormField';
import { call, ApiError } from '@/services';
import { roster } from '@/shared/contracts/roster';
import { MEMBER_CATEGORIES, ROSTER_STATUSES, type BranchSummary, type MemberCategory, type RosterEntryView, type RosterStatus } from '@/shared/roster';
import { errorMessage } from '@/lib/errors';

interface Props {
  branches: BranchSummary[];
  tags: string[];
  /** The entry being edited; null for a new member of `branchId`. */
  entry: RosterEntryView | null;
  branchId: string;
  onSaved: () => void;
  onCancel: () => void;
}

const options = <K extends string>(keys: readonly K[]) => keys.map((key) => ({ key, label: key }));

export default function MemberForm({ branches, tags, entry, branchId, onSaved, onCancel }: Props) {
  const [form, setForm] = useState({
    branchId: entry?.branchId ?? branchId,
    name: entry?.name ?? '',
    gender: entry?.gender ?? '',
    phone: '',
    joinedAt: entry?.joinedAt ?? '',
    confirmedAt: entry?.confirmedAt ?? '',
    category: entry?.category ?? ('正式' as MemberCategory),
    status: entry?.status ?? ('正常' as RosterStatus),
    tags: entry?.tags ?? [],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((previous) => ({ ...previous, [key]: value }));

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      // Editing: an empty phone keeps the stored number (it is shown masked only).
      const phone = form.phone.trim() || (entry ? undefined : '');
      await call(roster.save, { ...(entry ? { id: entry.id } : {}), ...form, gender: form.gender as '男' | '女' | '', phone });
      onSaved();
    } catch (failure) {
      const fields = failure instanceof ApiError ? (failure.details as { fields?: Record<string, string> } | undefined)?.fields : undefined;
      if (fields) setErrors(fields);
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="lx-card roster-form">
      <Text className="staff-head__title">{entry ? `编辑：${entry.name}` : '新增党员'}</Text>
      <FormField label="所在支部" hint="改选支部即为调动" error={errors.branchId}>
        <Choices label="所在支部" options={branches.map((branch) => ({ key: branch.id, label: branch.name }))} value={form.branchId} onChange={(key) => set('branchId', key)} />
      </FormField>
      <FormField label="姓名" error={errors.name}>
        <Input className="lx-input" value={form.name} maxlength={20} onInput={(event) => set('name', event.detail.value)} />
      </FormField>
      <FormField label="性别" tag="选填" error={errors.gender}>
        <Choices label="性别" options={options(['男', '女'] as const)} value={form.gender as '男' | '女' | ''} onChange={(key) => set('gender', key)} />
      </FormField>
      <FormField label="手机号" tag={entry ? `现为 ${entry.phoneMasked || '无'}，不改请留空` : '选填'} hint="党员凭手机号后 4 位绑定微信" error={errors.phone}>
        <Input className="lx-input" type="number" value={form.phone} maxlength={11} onInput={(event) => set('phone', event.detail.value)} />
      </FormField>
      <FormField label="入党日期" hint="如 2001-07-01" error={errors.joinedAt}>
        <Input className="lx-input" value={form.joinedAt} maxlength={10} placeholder="2001-07-01" onInput={(event) => set('joinedAt', event.detail.value)} />
      </FormField>
      <FormField label="转正日期" tag="预备党员不填" error={errors.confirmedAt}>
        <Input className="lx-input" value={form.confirmedAt} maxlength={10} placeholder="2002-07-01" onInput={(event) => set('confirmedAt', event.detail.value)} />
      </FormField>
      <FormField label="党员类别" error={errors.category}>
        <Choices label="党员类别" options={options(MEMBER_CATEGORIES)} value={form.category} onChange={(key) => set('category', key)} />
      </FormField>
      <FormField label="组织关系状态" hint="转出、去世、停止党籍会解除其微信绑定" error={errors.status}>
        <Choices label="组织关系状态" options={options(ROSTER_STATUSES)} value={form.status} onChange={(key) => set('status', key)} />
      </FormField>
      <FormField label="标签" tag="可多选" error={errors.tags}>
        <View className="lx-choices">
          {tags.map((tag) => {
            const on = form.tags.includes(tag);
            return (
              <View key={tag} className={on ? 'lx-choice lx-choice--selected' : 'lx-choice'} onClick={() => set('tags', on ? form.tags.filter((t) => t !== tag) : [...form.tags, tag])}>
                <Text>{tag}</Text>
              </View>
            );
          })}
        </View>
      </FormField>
      {message ? <Text className="lx-field-error">{message}</Text> : null}
      <View className="roster-actions">
        <Button type="primary" loading={busy} onClick={() => void save()}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </View>
    </View>
  );
}
