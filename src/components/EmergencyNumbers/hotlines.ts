import Taro from '@tarojs/taro';

export interface Hotline { number: string; name: string; when: string }

/** National numbers: the same in every city, so they are not city data. */
export const HOTLINES: readonly Hotline[] = [
  { number: '110', name: '报警', when: '遇到坏人、打架、被威胁或被拐骗' },
  { number: '120', name: '急救', when: '有人受伤、生病或落水' },
  { number: '12356', name: '心理援助热线', when: '心里很难受，或想伤害自己' },
  { number: '12355', name: '青少年服务台', when: '被欺负、有烦恼，想找人说说' },
];

export function dial(number: string) {
  // Cancelling the dial prompt is not an error worth showing.
  Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined);
}
