import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { ApiError, call } from '@/services';
import { account } from '@/shared/contracts/account';
import { errorMessage } from '@/lib/errors';
import { GRANTED_ROLE_LABEL, type ScopeChoice } from '../grants';
import ChoiceList from './ChoiceList';

type GrantedRole = 'deputy' | 'admin';

interface GrantFormProps {
  /** Studios the admin may appoint deputies to. */
  studios: ScopeChoice[];
  /** Organisation nodes the admin may appoint admins to. */
  orgs: ScopeChoice[];
  onGranted: () => void;
}

const EMPTY = { userCode: '', name: '', scopeId: '' };

/** 新增授权: 用户编号, 角色 (党代表 → a studio, 管理员 → an org node), 姓名; validated by the action's own schema. */
export default function GrantForm({ studios, orgs, onGranted }: GrantFormProps) {
  const [role, setRole] = useState<GrantedRole>('deputy');
  const [form, setForm] = useState(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const choices = role === 'deputy' ? studios : orgs;
  const edit = (field: keyof typeof EMPTY) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setFieldErrors((current) => ({ ...current, [field]: '' }));
  };
  const pickRole = (next: GrantedRole) => () => {
    if (next === role) return;
    setRole(next);
    setForm((current) => ({ ...current, scopeId: '' }));
    setFieldErrors({});
  };

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setFormError('');
    try {
      // The transport checks the input against grantRole's schema first, so field messages come back before any request.
      await call(account.grantRole, { userCode: form.userCode, role, scopeId: form.scopeId, name: form.name });
      setForm(EMPTY);
      setFieldErrors({});
      void Taro.showToast({ title: '已授权', icon: 'success' });
      onGranted();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (fieldErrors[field] ? <Text className="staff-form__error">{fieldErrors[field]}</Text> : null);

  return (
    <View className="lx-card staff-form">
      <Text className="staff-form__label">用户编号</Text>
      <Input
        className="staff-form__input"
        name="userCode"
        placeholder="用户编号（对方“我的”页面上的 6 位编号）"
        value={form.userCode}
        maxLength={6}
        onChange={edit('userCode')}
      />
      {fieldError('userCode')}

      <Text className="staff-form__label">角色</Text>
      <View className="staff-form__roles">
        {(['deputy', 'admin'] as const).map((option) => (
          <Button key={option} size="large" type={role === option ? 'primary' : 'default'} onClick={pickRole(option)}>
            {GRANTED_ROLE_LABEL[option]}
          </Button>
        ))}
      </View>
      {fieldError('role')}

      <Text className="staff-form__label">{role === 'deputy' ? '工作室' : '管理范围'}</Text>
      <ChoiceList
        choices={choices}
        selectedId={form.scopeId}
        onSelect={(choice) => edit('scopeId')(choice.id)}
        empty={role === 'deputy' ? '您的管理范围内还没有党代表工作室' : '没有可选的组织'}
      />
      {fieldError('scopeId')}

      <Text className="staff-form__label">姓名</Text>
      <Input className="staff-form__input" name="name" placeholder="请输入对方姓名" value={form.name} maxLength={20} onChange={edit('name')} />
      {fieldError('name')}

      {formError ? <Text className="staff-form__error">{formError}</Text> : null}
      <Button className="staff-form__submit" type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        确认授权
      </Button>
    </View>
  );
}
