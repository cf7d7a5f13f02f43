import { returnChanges } from '../../src/domain/returnChanges';

const labels = [{ id: 'traffic', label: '交通事故死亡人数' }, { id: 'crime', label: '侵害学生犯罪案件' }];

test('each replaced version lists the figures the next version changed, the last against the return as it stands', () => {
  const replaced = [
    { version: 2, values: { traffic: 3, crime: 1 } },
    { version: 1, values: { traffic: 2, crime: 1 } },
  ];
  const changes = returnChanges(labels, replaced, { traffic: 3, crime: 0 });
  expect(changes.get(1)).toEqual([{ id: 'traffic', label: '交通事故死亡人数', from: 2, to: 3 }]);
  expect(changes.get(2)).toEqual([{ id: 'crime', label: '侵害学生犯罪案件', from: 1, to: 0 }]);
});

test('a figure added to the form after a version was filed reads as not filled then', () => {
  const changes = returnChanges(labels, [{ version: 1, values: { traffic: 0 } }], { traffic: 0, crime: 2 });
  expect(changes.get(1)).toEqual([{ id: 'crime', label: '侵害学生犯罪案件', from: null, to: 2 }]);
});
