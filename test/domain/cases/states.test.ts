/** The state table as data: labels, which buttons a person gets, and the default categories. */
import { DEFAULT_CATEGORIES, findCategory } from '../../../src/shared/cases/categories';
import { actionsFor } from '../../../src/shared/cases/relations';
import {
  CASE_STATES,
  OPEN_STATES,
  STATE_LABELS,
  TRANSITIONS,
  TRANSITION_NAMES,
  availableTransitions,
} from '../../../src/shared/cases/states';
import { ACTORS, caseIn, prepared } from './fixtures';

test('every state has its Chinese label', () => {
  expect(CASE_STATES.map((state) => STATE_LABELS[state])).toEqual([
    '已提交',
    '已批办',
    '办理中',
    '已答复',
    '已评价',
    '已归档',
    '不予受理',
  ]);
});

test('every transition has a label and only names known states', () => {
  for (const name of TRANSITION_NAMES) {
    expect(TRANSITIONS[name].label).not.toBe('');
    for (const edge of TRANSITIONS[name].edges) {
      expect(edge.who.length).toBeGreaterThan(0);
      for (const state of edge.from) expect(CASE_STATES).toContain(state);
      if (edge.to !== 'same') expect(CASE_STATES).toContain(edge.to);
    }
  }
});

test('open cases are those from submitted to replied', () => {
  expect(OPEN_STATES).toEqual(['submitted', 'assigned', 'in_progress', 'replied']);
});

describe('buttons', () => {
  test('the table alone gives a handler on an assigned case start, reply, transfer, extend and note', () => {
    expect(availableTransitions('assigned', ['handler', 'studio_deputy'])).toEqual(['start', 'reply', 'transfer', 'extend', 'note']);
  });

  test('an admin in scope gets 批办, 不予受理 and notes on a new case', () => {
    expect(actionsFor(caseIn('submitted'), ACTORS.adminInScope())).toEqual(['assign', 'refuse', 'note']);
  });

  test('the reporter of a replied case gets only 评价', () => {
    expect(actionsFor(caseIn('replied'), ACTORS.reporter())).toEqual(['rate']);
  });

  test('another resident gets 我也遇到 on an open case and nothing on a closed one', () => {
    expect(actionsFor(caseIn('in_progress'), ACTORS.stranger())).toEqual(['join']);
    expect(actionsFor(caseIn('closed'), ACTORS.stranger())).toEqual([]);
  });

  test('认领 is offered only on an unclaimed paper form', () => {
    expect(actionsFor(prepared('claim', caseIn('assigned')), ACTORS.stranger())).toEqual(['claim', 'join']);
  });

  test('the handler is offered no second extension', () => {
    const extended = caseIn('assigned', { extension: { reason: '协调', from: '2026-10-09', to: '2026-10-12', at: 1 } });
    expect(actionsFor(extended, ACTORS.handler())).toEqual(['start', 'reply', 'transfer', 'note']);
  });
});

describe('categories', () => {
  test('default to 3 working days for 求助 and 咨询 and 13 for the rest', () => {
    expect(DEFAULT_CATEGORIES.map(({ label, limitDays }) => `${label}:${limitDays}`)).toEqual([
      '建议:13',
      '投诉:13',
      '求助:3',
      '咨询:3',
      '其他:13',
    ]);
  });

  test('are looked up by key in the list given', () => {
    expect(findCategory(DEFAULT_CATEGORIES, 'consult')).toEqual({ key: 'consult', label: '咨询', limitDays: 3 });
    expect(findCategory([], 'consult')).toBeUndefined();
  });
});
