/** The emergency numbers as a two-by-two block under every report screen: danger never waits for a form. */
import { Text, View } from '@tarojs/components';
import { HOTLINES, dial } from './hotlines';
import './compact.scss';

export default function EmergencyNumbersCompact() {
  return (
    <View className='hh-sos-compact'>
      <Text className='hh-sos-compact__heading'>现在就有危险？点号码马上打电话</Text>
      <View className='hh-sos-compact__row'>
        {HOTLINES.map((h) => (
          <View key={h.number} className='hh-sos-compact__chip' onClick={() => dial(h.number)}>
            <Text className='hh-sos-compact__number'>{h.number}</Text>
            <Text className='hh-sos-compact__name'>{h.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
