import { View } from '@tarojs/components';
import Choice from '../../components/Choice';
import type { CampaignOption } from './useLoad';

/** Switch between this school's or area's campaigns; nothing when there is only one. */
export default function CampaignChips({ options, current, onPick }: { options: CampaignOption[]; current: string; onPick: (id: string) => void }) {
  if (options.length < 2) return null;
  return (
    <View className='scr-nav'>
      {options.map((o) => (
        <Choice key={o.id} chip title={`${o.name}${o.openNow ? '' : '（不在答题时间）'}`} selected={o.id === current} onClick={() => onPick(o.id)} />
      ))}
    </View>
  );
}
