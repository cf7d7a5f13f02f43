import AtActivityIndicator from 'taro-ui/lib/components/activity-indicator';
import './index.scss';

export interface LoadingProps {
  /** what we are waiting for, e.g. 正在加载… */
  text?: string;
}

/** A spinner with words, so a slow network does not look like a broken page. */
export default function Loading({ text = '正在加载，请稍候…' }: LoadingProps) {
  return <AtActivityIndicator className='hh-loading' content={text} size={40} />;
}
