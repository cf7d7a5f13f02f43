/**
 * Type check (run by `npm run typecheck`, never executed): every per-platform
 * file offers exactly the names its unsuffixed sibling declares, each of a
 * type the sibling's callers accept. The rule (README "Layout"): `x.ts`
 * declares the interface and a safe default, `x.weapp.ts` / `x.h5.ts` are
 * what Taro's build picks on that platform. test/domain/layering.test.ts
 * checks that every platform file in src is listed here.
 */
import * as navBar from '../../src/components/PageShell/NavBar';
import * as navBarH5 from '../../src/components/PageShell/NavBar.h5';
import * as privacyPopup from '../../src/components/PrivacyPopup/index';
import * as privacyPopupWeapp from '../../src/components/PrivacyPopup/index.weapp';
import * as signaturePad from '../../src/components/SignaturePad/index';
import * as signaturePadH5 from '../../src/components/SignaturePad/index.h5';
import * as signaturePadWeapp from '../../src/components/SignaturePad/index.weapp';
import * as reminders from '../../src/packageHoliday/reminders';
import * as remindersWeapp from '../../src/packageHoliday/reminders.weapp';
import * as saveCsv from '../../src/packageHoliday/saveCsv';
import * as saveCsvH5 from '../../src/packageHoliday/saveCsv.h5';
import * as saveCsvWeapp from '../../src/packageHoliday/saveCsv.weapp';
import * as speech from '../../src/services/speech';
import * as speechH5 from '../../src/services/speech.h5';
import * as speechWeapp from '../../src/services/speech.weapp';
import * as caseAlerts from '../../src/services/caseAlerts';
import * as caseAlertsWeapp from '../../src/services/caseAlerts.weapp';
import * as connectivity from '../../src/services/connectivity';
import * as connectivityH5 from '../../src/services/connectivity.h5';
import * as connectivityWeapp from '../../src/services/connectivity.weapp';
import * as leaveGuard from '../../src/services/leaveGuard';
import * as leaveGuardWeapp from '../../src/services/leaveGuard.weapp';
import * as transport from '../../src/services/transport';
import * as transportH5 from '../../src/services/transport.h5';
import * as transportWeapp from '../../src/services/transport.weapp';
import * as serviceWorker from '../../src/services/serviceWorker';
import * as serviceWorkerH5 from '../../src/services/serviceWorker.h5';
import * as sheetPicker from '../../src/packageAdmin/components/SheetPicker/index';
import * as sheetPickerH5 from '../../src/packageAdmin/components/SheetPicker/index.h5';
import * as sheetPickerWeapp from '../../src/packageAdmin/components/SheetPicker/index.weapp';
import * as print from '../../src/packageAdmin/print';
import * as printH5 from '../../src/packageAdmin/print.h5';
import * as trendChart from '../../src/packageDesk/chart/TrendChart';
import * as trendChartH5 from '../../src/packageDesk/chart/TrendChart.h5';
import * as saveXlsx from '../../src/packageDesk/saveXlsx';
import * as saveXlsxH5 from '../../src/packageDesk/saveXlsx.h5';
import * as saveXlsxWeapp from '../../src/packageDesk/saveXlsx.weapp';
import * as upload from '../../src/services/upload';
import * as uploadH5 from '../../src/services/upload.h5';
import * as uploadWeapp from '../../src/services/upload.weapp';

/** true when A and B export exactly the same names */
type SameNames<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

/** `variant` may stand in for `shared`: every export assignable, and no name more or less. */
function samePlatformFile<Shared, Variant extends Shared>(_variant: Variant, sameNames: SameNames<Shared, Variant>): void {
  void sameNames;
}

samePlatformFile<typeof navBar, typeof navBarH5>(navBarH5, true);
samePlatformFile<typeof privacyPopup, typeof privacyPopupWeapp>(privacyPopupWeapp, true);
samePlatformFile<typeof signaturePad, typeof signaturePadH5>(signaturePadH5, true);
samePlatformFile<typeof signaturePad, typeof signaturePadWeapp>(signaturePadWeapp, true);
samePlatformFile<typeof reminders, typeof remindersWeapp>(remindersWeapp, true);
samePlatformFile<typeof saveCsv, typeof saveCsvH5>(saveCsvH5, true);
samePlatformFile<typeof saveCsv, typeof saveCsvWeapp>(saveCsvWeapp, true);
samePlatformFile<typeof speech, typeof speechH5>(speechH5, true);
samePlatformFile<typeof speech, typeof speechWeapp>(speechWeapp, true);
samePlatformFile<typeof caseAlerts, typeof caseAlertsWeapp>(caseAlertsWeapp, true);
samePlatformFile<typeof connectivity, typeof connectivityH5>(connectivityH5, true);
samePlatformFile<typeof connectivity, typeof connectivityWeapp>(connectivityWeapp, true);
samePlatformFile<typeof leaveGuard, typeof leaveGuardWeapp>(leaveGuardWeapp, true);
samePlatformFile<typeof transport, typeof transportH5>(transportH5, true);
samePlatformFile<typeof transport, typeof transportWeapp>(transportWeapp, true);
samePlatformFile<typeof upload, typeof uploadH5>(uploadH5, true);
samePlatformFile<typeof upload, typeof uploadWeapp>(uploadWeapp, true);
samePlatformFile<typeof serviceWorker, typeof serviceWorkerH5>(serviceWorkerH5, true);
samePlatformFile<typeof sheetPicker, typeof sheetPickerH5>(sheetPickerH5, true);
samePlatformFile<typeof sheetPicker, typeof sheetPickerWeapp>(sheetPickerWeapp, true);
samePlatformFile<typeof print, typeof printH5>(printH5, true);
samePlatformFile<typeof trendChart, typeof trendChartH5>(trendChartH5, true);
samePlatformFile<typeof saveXlsx, typeof saveXlsxH5>(saveXlsxH5, true);
samePlatformFile<typeof saveXlsx, typeof saveXlsxWeapp>(saveXlsxWeapp, true);
