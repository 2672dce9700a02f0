/** 我也遇到: Chinese tokens without a segmenter, stored search keys, and ranking of similar open cases. */
import type { CaseDoc } from '../../../src/shared/cases/model';
import { MAX_SEARCH_KEYS, rankSimilar, searchKeys, tokens } from '../../../cloud/src/domain/cases/similar';
import { caseIn } from './fixtures';

describe('tokens', () => {
  test('Chinese text becomes overlapping character pairs', () => {
    expect(tokens('小区路灯不亮')).toEqual(['小区', '区路', '路灯', '灯不', '不亮']);
  });

  test('latin words and numbers are kept whole and lowercased; single letters and digits are dropped', () => {
    expect(tokens('WiFi 信号差, 5G 不行 a 3')).toEqual(['信号', '号差', '不行', 'wifi', '5g']);
  });

  test('common pairs and particles split the text instead of making tokens', () => {
    expect(tokens('我们小区的路灯')).toEqual(['小区', '路灯']);
    expect(tokens('请问这个问题怎么办')).toEqual([]);
  });

  test('a lone character standing by itself is a token; punctuation separates runs', () => {
    expect(tokens('灯')).toEqual(['灯']);
    expect(tokens('电梯，停了！')).toEqual(['电梯']);
  });

  test('repeats are listed once', () => {
    expect(tokens('路灯路灯')).toEqual(['路灯', '灯路']);
  });
});

describe('searchKeys', () => {
  test('starts with the title tokens, then the most frequent content tokens', () => {
    const keys = searchKeys('电梯故障', '5号楼电梯停了，电梯里有人被困，电梯维修太慢');
    expect(keys.slice(0, 3)).toEqual(['电梯', '梯故', '故障']);
    expect(keys).toContain('维修');
    expect(keys.filter((key) => key === '电梯')).toHaveLength(1);
  });

  test(`never stores more than ${MAX_SEARCH_KEYS} keys`, () => {
    const long = '幸福小区三号楼门口的路灯已经坏了两个多星期，晚上出门特别黑，老人孩子走路很不安全，物业说要等供电公司来修。';
    expect(tokens(long).length).toBeGreaterThan(MAX_SEARCH_KEYS);
    expect(searchKeys('路灯坏了', long)).toHaveLength(MAX_SEARCH_KEYS);
  });
});

describe('rankSimilar', () => {
  let seq = 0;
  const open = (title: string, content: string, fields: Partial<CaseDoc> = {}): CaseDoc => {
    seq += 1;
    return caseIn('assigned', { _id: `case-${seq}`, title, content, createdAt: seq, ...fields });
  };
  const streetLight = open('小区路灯不亮', '幸福小区3号楼门口的路灯坏了两个星期，晚上很黑，老人出门不安全。');
  const sameLight = open('3号楼路灯坏了', '请问3号楼前面的路灯什么时候修？晚上太黑了');
  const lift = open('电梯经常故障', '5号楼电梯经常停，老人上下楼很困难，希望尽快维修。');
  const stairLight = open('楼道灯不亮', '2单元楼道的声控灯不亮了');
  const rubbish = open('垃圾清运不及时', '小区门口垃圾堆了好几天没人清理，味道很大');
  const candidates = [lift, stairLight, rubbish, sameLight, streetLight];
  const draft = { category: 'help', title: '路灯坏了', content: '我们小区3号楼门口路灯不亮，晚上很黑' };

  test('offers the cases about the same problem, best first, and not merely related ones', () => {
    const ranked = rankSimilar(draft, candidates);
    expect(ranked.map((match) => match.caseDoc._id)).toEqual([streetLight._id, sameLight._id]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
  });

  test('finds the lift case for another lift complaint', () => {
    const ranked = rankSimilar({ category: 'help', title: '电梯坏了', content: '6号楼电梯坏了三天，老人上下楼不方便' }, candidates);
    expect(ranked.map((match) => match.caseDoc._id)).toEqual([lift._id]);
  });

  test('only open cases of the same category count', () => {
    const closed = { ...streetLight, _id: 'closed', state: 'closed' as const };
    const rated = { ...streetLight, _id: 'rated', state: 'rated' as const };
    const otherCategory = { ...streetLight, _id: 'complaint', category: 'complaint' };
    const replied = { ...streetLight, _id: 'replied', state: 'replied' as const };
    expect(rankSimilar(draft, [closed, rated, otherCategory, replied]).map((match) => match.caseDoc._id)).toEqual(['replied']);
  });

  test('with a studio in the draft only that studio’s cases count', () => {
    const elsewhere = { ...streetLight, _id: 'elsewhere', studioId: 'studio-2' };
    expect(rankSimilar({ ...draft, studioId: 'studio-1' }, [elsewhere, streetLight]).map((m) => m.caseDoc._id)).toEqual([
      streetLight._id,
    ]);
  });

  test('returns at most the limit', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ ...streetLight, _id: `copy-${i}` }));
    expect(rankSimilar(draft, many)).toHaveLength(3);
    expect(rankSimilar(draft, many, 5)).toHaveLength(5);
  });

  test('a draft with nothing distinctive matches nothing', () => {
    expect(rankSimilar({ category: 'help', title: '请问', content: '这个问题怎么办？' }, candidates)).toEqual([]);
  });
});
