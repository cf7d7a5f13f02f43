/**
 * Phone numbers that reach a person now, one row each (the number and whom
 * it reaches, then when to call it across the whole row): the 举报 tab.
 * Short enough that 我要举报 still shows on a small phone's first screen.
 * Report screens use the compact form (./Compact), kept in its own file so
 * its styles load with the report pages, not with the first screen.
 */
import { Text, View } from '@tarojs/components';
import { HOTLINES, dial } from './hotlines';
import './index.scss';

export default function EmergencyNumbers() {
  return (
    <View className='hh-sos'>
      {HOTLINES.map((h) => (
        <View key={h.number} className='hh-sos__hotline' onClick={() => dial(h.number)}>
          <Text className='hh-sos__number'>{h.number}</Text>
          <Text className='hh-sos__name'>{h.name}</Text>
          <Text className='hh-sos__when'>{h.when}</Text>
        </View>
      ))}
    </View>
  );
}
