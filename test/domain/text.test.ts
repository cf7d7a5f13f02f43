import { graphemeCount, graphemes, wordyCount } from '../../src/domain/text';

describe('counting characters as a person does', () => {
  test('an emoji is one character, however many UTF-16 units it takes', () => {
    expect('😭😭😭😭😭'.length).toBe(10);
    expect(graphemeCount('😭😭😭😭😭')).toBe(5);
    expect(graphemeCount('👨‍👩‍👧‍👦')).toBe(1);
    expect(graphemeCount('👍🏽')).toBe(1);
    expect(graphemeCount('他打我了')).toBe(4);
  });

  test('words are letters of any script or digits; emoji, punctuation and spaces are not', () => {
    expect(wordyCount('😭😭😭！！ ……')).toBe(0);
    expect(wordyCount('他们打我😭 3次')).toBe(6);
    expect(wordyCount('help me')).toBe(6);
  });

  test('without Intl.Segmenter (some mini-program engines) the fallback glues joiners and marks', () => {
    const real = (Intl as any).Segmenter;
    try {
      (Intl as any).Segmenter = undefined;
      expect(graphemes('👨‍👩‍👧')).toHaveLength(1);
      expect(graphemeCount('👍🏽❤️é')).toBe(3);
      expect(graphemeCount('😭😭😭😭😭')).toBe(5);
    } finally {
      (Intl as any).Segmenter = real;
    }
  });
});
