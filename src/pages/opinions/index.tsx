import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import { openOpinionForm } from '@/components/OpinionEntry';
import CaseList from '@/components/CaseList';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { usePagedList } from '@/lib/use-paged-list';
import ClaimPaper from './ClaimPaper';
import StudioDirectory from './StudioDirectory';
import './index.css';

type Section = 'studios' | 'mine';

const SECTIONS = [
  { key: 'studios', label: '党代表工作室' },
  { key: 'mine', label: '我的意见' },
] as const;

// The tab page stays mounted between visits, but keep the choice across a relaunch of the page too.
let lastSection: Section = 'studios';

/** 我的意见: what I submitted, claimed or joined, newest first; refreshed whenever the tab shows again. */
function MyCases() {
  const list = usePagedList((offset, limit) => call(cases.mine, { offset, limit }), 'mine');
  return (
    <>
      <CaseList
        state={list.state}
        empty="你还没有提交过意见。每一条意见的办理进度都会在这里显示。"
        onRetry={() => void list.refresh()}
        onMore={() => void list.loadMore()}
      />
      <ClaimPaper onClaimed={() => void list.refresh()} />
    </>
  );
}

/** 意见: the big 我要提意见, the studios (nearest first when allowed) and 我的意见. */
export default function OpinionsPage() {
  const [section, setSection] = useState<Section>(lastSection);
  const choose = (next: Section) => {
    lastSection = next;
    setSection(next);
  };
  return (
    <PageShell>
      <View className="opinions-hero">
        <Button type="primary" size="xlarge" block onClick={openOpinionForm}>
          我要提意见
        </Button>
        <Text className="opinions-hero__hint">不用注册，也可以不留姓名和电话</Text>
      </View>
      <Segmented options={SECTIONS} value={section} onChange={choose} />
      {section === 'studios' ? <StudioDirectory /> : <MyCases />}
      <Text className="lx-section-title opinions-footer">也可以拨打 12345 热线反映问题。</Text>
      <Button size="large" block onClick={() => void Taro.makePhoneCall({ phoneNumber: '12345' }).catch(() => undefined)}>
        拨打 12345
      </Button>
    </PageShell>
  );
}
