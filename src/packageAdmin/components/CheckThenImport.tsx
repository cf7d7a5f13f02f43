import { Text, View } from '@tarojs/components';
import Button from '../../components/Button';

/**
 * 先检查，不导入 and 导入 for a picked sheet. 导入 opens only after a check
 * has been read; while it is closed, a line says why (a clerk who tapped 导入
 * first saw nothing happen).
 */
export default function CheckThenImport({ picked, result, busy, onRun }: {
  /** a sheet has been picked */
  picked: boolean;
  /** the last answer for this sheet: a check (dryRun) or the import */
  result: { dryRun: boolean } | null;
  busy?: boolean;
  onRun: (dryRun: boolean) => void;
}) {
  const checked = picked && !!result?.dryRun;
  // after the import the result says 导入完成: no hint then
  const hint = !picked ? '先选择表格文件，再点“先检查，不导入”，看过结果再导入。' : !result ? '先点“先检查，不导入”，看过结果再导入。' : null;
  return (
    <View>
      <View className='adm-actions'>
        <Button disabled={!picked} loading={busy} onClick={() => onRun(true)}>先检查，不导入</Button>
        <Button type='primary' disabled={!checked} loading={busy} onClick={() => onRun(false)}>导入</Button>
      </View>
      {hint ? <Text className='hh-text adm-muted adm-import-hint'>{hint}</Text> : null}
    </View>
  );
}
