import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { call } from '@/services';
import { casePage, cases, type SimilarSummary } from '@/shared/contracts/case';
import { errorMessage } from '@/lib/errors';

/** “我也遇到”: open cases like the one being written; joining follows one instead of filing the same thing again. */
export default function SimilarCases({ found }: { found: SimilarSummary[] }) {
  const [joined, setJoined] = useState<string[]>([]);
  const [joining, setJoining] = useState('');
  if (found.length === 0) return null;

  const join = async (id: string) => {
    setJoining(id);
    try {
      await call(cases.join, { caseId: id });
      setJoined((current) => [...current, id]);
      void Taro.showToast({ title: '已关注，有进展会通知你', icon: 'none' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setJoining('');
    }
  };

  return (
    <View className="form-similar">
      <Text className="form-similar__title">别人也反映过类似的问题，是同一件事吗？</Text>
      <Text className="lx-muted">点“我也遇到”就能一起关注办理进度和答复，不用重复提交。别人提交的具体内容、照片和联系方式不会给你看；你提交的，别人也看不到。</Text>
      {found.map((item) => (
        <View key={item._id} className="lx-similar-item">
          <Text className="lx-similar-item__title">{item.title}</Text>
          <Text className="lx-muted">
            {item.stateLabel} · {item.followerCount} 人遇到
          </Text>
          {joined.includes(item._id) ? (
            <Button size="large" block onClick={() => void Taro.navigateTo({ url: casePage(item._id) })}>
              已关注，查看进度
            </Button>
          ) : (
            <Button type="primary" size="large" block loading={joining === item._id} onClick={() => void join(item._id)}>
              我也遇到
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
