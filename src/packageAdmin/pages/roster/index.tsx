/**
 * 导入学生名册: pick the 学籍 export, check it first (nothing is written),
 * read which rows are wrong and which columns are not kept, then import.
 * Importing the same sheet again changes nothing.
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
// first, where pages import Button: it brings Button's styles, and the CSS of shared chunks keeps one order
import CheckThenImport from '../../components/CheckThenImport';
import Card from '../../../components/Card';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import SheetPicker from '../../components/SheetPicker';
import { adminApi, type ImportResult } from '../../service';
import '../../admin.scss';

function Summary({ r }: { r: ImportResult }) {
  return (
    <Card title={r.dryRun ? '检查结果（还没有导入）' : '导入完成'} tone={r.dryRun && r.errors.length ? 'danger' : 'brand'}>
      <Text className='hh-text adm-row__detail'>{`共 ${r.rows} 行：新增 ${r.created} 人，更新 ${r.updated} 人，没有变化 ${r.unchanged} 人，有问题 ${r.errors.length} 行。`}</Text>
      {r.classesCreated.length ? <Text className='hh-text adm-row__detail'>{`${r.dryRun ? '将新建' : '已新建'}班级：${r.classesCreated.join('、')}`}</Text> : null}
      {r.dropped.length ? (
        <Text className='hh-text adm-muted'>{`为保护个人信息，这些列没有保存：${r.dropped.join('、')}。护航只保存姓名、学籍号、性别、出生日期、班级和监护人的姓名与关系。`}</Text>
      ) : null}
      {r.errors.length ? (
        <View>
          <Text className='hh-text'>{r.dryRun ? '这些行有问题，导入时会跳过，请在表格里改好后再导入一次：' : '这些行没有导入，请在表格里改好后再导入一次：'}</Text>
          {r.errors.map((e) => <Text key={e.row} className='adm-error'>{e.message}</Text>)}
        </View>
      ) : null}
    </Card>
  );
}

export default function RosterPage() {
  const { params } = useRouter();
  const schoolId = params.schoolId ?? '';
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try { setResult(await adminApi.importRoster({ schoolId, fileId: file.id, dryRun })); } catch (e) { setError(messageOf(e)); } finally { setBusy(false); }
  };
  return (
    <PageShell>
      <Card title={decodeURIComponent(params.name ?? '') || '导入学生名册'} subtitle='表头要有：姓名、学籍号（或学号）、性别、出生日期、年级、班级；可以有监护人姓名、监护人关系（最多两位监护人）。'>
        <SheetPicker onPicked={(id, name) => { setFile({ id, name }); setResult(null); setError(null); }} onError={setError} />
        {file ? <Text className='hh-text adm-ok'>{`已选择：${file.name}`}</Text> : null}
        <CheckThenImport picked={!!file} result={result} busy={busy} onRun={(dryRun) => void run(dryRun)} />
      </Card>
      {error ? <Notice>{error}</Notice> : null}
      {result ? <Summary r={result} /> : null}
    </PageShell>
  );
}
