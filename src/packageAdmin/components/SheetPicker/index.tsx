/**
 * Picking the roster sheet. Taro's build picks index.weapp.tsx (a file from a
 * WeChat chat, into CloudBase storage) or index.h5.tsx (a file input, POST
 * /upload); this file declares the props and the safe default for any other
 * platform: no picker, and where to import instead.
 */
import { Text, View } from '@tarojs/components';

export interface SheetPickerProps {
  /** called with the uploaded sheet's file id and its name */
  onPicked: (fileId: string, name: string) => void;
  onError: (message: string) => void;
  /** what sheet to pick, in words: 学籍系统导出的表格 (a roster) unless said, 学校名单表格 for the schools list */
  what?: string;
}

export default function SheetPicker(_props: SheetPickerProps) {
  return (
    <View>
      <Text className='hh-text adm-muted'>这里不能选择表格。请在微信小程序里从聊天记录选择，或在电脑浏览器打开护航网页版导入。</Text>
    </View>
  );
}
