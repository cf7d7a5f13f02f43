/**
 * The reporter's words for each reason a report cannot be routed
 * (RoutingProblem, src/domain/routing.ts: the domain says what is wrong, the
 * cloud layer says it to a person). Each tells the reporter what to do.
 */
import { AppError } from '../../../domain/errors';
import { RoutingError, type RoutingProblem } from '../../../domain/routing';

export const ROUTING_MESSAGES: Record<RoutingProblem, string> = {
  noPlace: '请先选择事情发生在哪个县区或学校，这样我们才知道该交给哪里的部门处理。',
  unknownSchool: '没有找到这所学校，请重新选择学校。',
  unknownCounty: '没有找到这个县区，请重新选择县区。',
  unknownCategory: '请选择要反映的是哪一类事情。',
  noWaterType: '请选择是哪一种水域（比如水库、河流、鱼塘），这样才能找到负责管理它的部门。',
  unknownWaterType: '水域类型不对，请重新选择。',
  badTime: '时间不对，请刷新后再试。',
  noDepartment: '系统里还没有设置负责这类事情的部门，您的内容没有丢失，请联系平安办。',
};

/** Runs a routing step; a RoutingError comes out as the AppError with the reporter's words. */
export function withRoutingWords<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RoutingError) throw new AppError(e.code, ROUTING_MESSAGES[e.problem], e.details);
    throw e;
  }
}
