import { bureauKey } from './bureau-key';

const key = (name: string) => bureauKey(name, '耿马傣族佤族自治县', '耿马自治县');

describe('bureauKey: the county prefix says nothing about which bureau it is', () => {
  it.each([
    ['民政局', '民政局'],
    ['县民政局', '民政局'],
    ['耿马县民政局', '民政局'],
    ['耿马自治县民政局', '民政局'],
    ['耿马傣族佤族自治县民政局', '民政局'],
    ['耿马民政局', '民政局'],
    [' 耿马县　民政局 ', '民政局'],
    ['ＸＸ局', 'XX局'],
  ])('%j → %j', (typed, expected) => {
    expect(key(typed)).toBe(expected);
  });

  it('a 县 inside the name stays: 团县委 and the bank’s 耿马县支行 are not the county prefix', () => {
    expect(key('团县委')).toBe('团县委');
    expect(key('中国人民银行耿马县支行')).toBe('中国人民银行耿马县支行');
    expect(key('耿马县团县委')).toBe('团县委');
  });

  it('only one prefix is taken off, the longest that fits, whatever order the catalog gives them in', () => {
    // A catalog whose short name is the longer one: the longer still wins.
    expect(bureauKey('耿马傣族佤族自治县民政局', '耿马', '耿马傣族佤族自治县')).toBe('民政局');
    expect(bureauKey('耿马耿马民政局', '耿马傣族佤族自治县', '耿马自治县')).toBe('耿马民政局');
    expect(key('耿马自治县耿马民政局')).toBe('耿马民政局');
    expect(bureauKey('耿马县民政局', '耿马县', '')).toBe('民政局');
  });

  it('a county without 自治县 in its name: its own name is the prefix', () => {
    expect(bureauKey('勐海县民政局', '勐海县', '勐海县')).toBe('民政局');
    expect(bureauKey('勐海民政局', '勐海县', '勐海县')).toBe('勐海民政局');
  });
});
