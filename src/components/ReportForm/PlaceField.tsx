import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import type { Catalog } from '../../domain/catalog';
import { REPORT_LIMITS } from '../../services/report';
import type { ReportFormStore } from '../../stores/reportForm';
import Choice from '../Choice';

/** The pseudo-county under which city-level schools (universities, vocational colleges) are listed. */
const CITY = 'city';

/**
 * Where it happened: at a school (county, then the school), or somewhere
 * else (county, then the place in the reporter's words). The county is what
 * decides which county's departments get the report.
 */
export default observer(function PlaceField({ form, catalog }: { form: ReportFormStore; catalog: Catalog }) {
  const hasCitySchools = catalog.schools.some((s) => s.jurisdiction === CITY);
  const counties = catalog.counties.map((c) => ({ id: c.id, name: c.shortName ?? c.name }));
  const countyChoices = form.placeMode === 'school' && hasCitySchools ? [...counties, { id: CITY, name: '市属学校（大学、职校）' }] : counties;
  const schools = form.countyId ? catalog.schools.filter((s) => s.jurisdiction === form.countyId) : [];

  return (
    <View className='hh-report-field'>
      <Choice
        className='hh-report-place-mode hh-report-place-mode--school'
        icon='🏫'
        title='在学校里，或者学校门口'
        selected={form.placeMode === 'school'}
        onClick={() => form.choosePlaceMode('school')}
      />
      <Choice
        className='hh-report-place-mode hh-report-place-mode--elsewhere'
        icon='📍'
        title='不在学校，或者不知道是哪所学校'
        description='比如河边、鱼塘、网吧、马路上、网上'
        selected={form.placeMode === 'elsewhere'}
        onClick={() => form.choosePlaceMode('elsewhere')}
      />

      {form.placeMode ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>在哪个县（区）？</Text>
          <Text className='hh-report-question__help'>不清楚的话，就选你家或学校所在的县（区）。</Text>
          <View className='hh-report-chips'>
            {countyChoices.map((c) => (
              <Choice
                key={c.id}
                chip
                className={`hh-report-county hh-report-county--${c.id}`}
                title={c.name}
                selected={form.countyId === c.id}
                onClick={() => {
                  form.chooseCounty(c.id);
                  // The school list opens below the counties, often below the fold: bring it up.
                  if (form.placeMode === 'school') setTimeout(() => void Taro.pageScrollTo({ selector: '.hh-report-schools', duration: 200 }).catch(() => undefined), 0);
                }}
              />
            ))}
          </View>
        </View>
      ) : null}

      {form.placeMode === 'school' && form.countyId ? (
        <View className='hh-report-question hh-report-schools'>
          <Text className='hh-report-question__text'>是哪所学校？</Text>
          {schools.length === 0 ? (
            <Text className='hh-text hh-text--secondary'>
              这里还没有列出学校。请回到上面选“不在学校，或者不知道是哪所学校”，再写下学校的名字。
            </Text>
          ) : (
            schools.map((s) => (
              <Choice
                key={s.id}
                className={`hh-report-school hh-report-school--${s.id}`}
                title={s.name}
                selected={form.schoolId === s.id}
                onClick={() => form.chooseSchool(s.id)}
              />
            ))
          )}
        </View>
      ) : null}

      {form.placeMode && (form.placeMode === 'elsewhere' || form.schoolId) ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>
            {form.placeMode === 'school' ? '在学校的哪里？（可以不写）' : '具体在哪里？'}
          </Text>
          <Input
            className='hh-report-input hh-report-place'
            value={form.place}
            maxlength={REPORT_LIMITS.placeMax}
            placeholder={form.placeMode === 'school' ? '比如：厕所、操场、校门口' : '比如：某某村鱼塘边、某某路口'}
            onInput={(e) => form.setPlace(e.detail.value)}
          />
          <Text className='hh-report-counter'>
            {form.place.trim().length}/{REPORT_LIMITS.placeMax}字。不要写你自己家的地址。
          </Text>
        </View>
      ) : null}
    </View>
  );
});
