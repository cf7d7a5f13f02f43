import { Picker, Text, View } from '@tarojs/components';

/**
 * A choice from a list (所在县（区）, 学段, 岗位) that looks like one: a framed
 * box with a ▾, apart from the field below it. Walking the county's set-up at
 * 390 px, the bare picker text read as a label, not something to tap.
 */
export default function Select({ label, options, value, onChange }: {
  label: string; options: string[]; value: number; onChange: (index: number) => void;
}) {
  return (
    <Picker mode='selector' range={options} value={value} onChange={(e) => onChange(Number(e.detail.value))}>
      <View className='adm-select'>
        <Text>{`${label}：${options[value] ?? ''}`}</Text>
        <Text className='adm-select__mark'>▾</Text>
      </View>
    </Picker>
  );
}
