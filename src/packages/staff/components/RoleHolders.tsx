import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { call } from '@/services';
import { account, type RoleHolderView } from '@/shared/contracts/account';
import { errorMessage } from '@/lib/errors';
import { canRevoke, GRANTED_ROLE_LABEL } from '../grants';

/** 党代表与管理员 within the chosen scope, each with 收回 (after a confirmation) unless it is the admin's own role. */
export default function RoleHolders({ holders, onChanged }: { holders: RoleHolderView[]; onChanged: () => void }) {
  const revoke = async (holder: RoleHolderView) => {
    const role = GRANTED_ROLE_LABEL[holder.role];
    const { confirm } = await Taro.showModal({
      title: '收回权限',
      content: `确定收回 ${holder.name || holder.code} 的${role}权限（${holder.scopeName}）吗？`,
      confirmText: '收回',
      cancelText: '取消',
    });
    if (!confirm) return;
    try {
      await call(account.revokeRole, { userCode: holder.code, role: holder.role, scopeId: holder.scopeId });
      void Taro.showToast({ title: '已收回', icon: 'success' });
      onChanged();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    }
  };

  if (holders.length === 0) return <Text className="lx-muted">这个范围内还没有党代表或管理员</Text>;
  return (
    <View>
      {holders.map((holder) => (
        <View className="lx-role-holder" key={`${holder.role}:${holder.scopeId}:${holder.code}`}>
          <View className="lx-role-holder__who">
            <Text className="lx-role-holder__name">
              {holder.name || '（未留姓名）'}
              {holder.self ? '（我）' : ''}
            </Text>
            <Text className="lx-muted">
              {GRANTED_ROLE_LABEL[holder.role]} · {holder.scopeName} · 编号 {holder.code}
            </Text>
          </View>
          {canRevoke(holder) ? (
            <Button size="normal" onClick={() => void revoke(holder)}>
              收回
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
