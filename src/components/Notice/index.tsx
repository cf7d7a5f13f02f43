import AtNoticebar from 'taro-ui/lib/components/noticebar';
import './index.scss';

export interface NoticeProps {
  children: string;
  /** warning: something went wrong or needs care; info: good to know */
  type?: 'info' | 'warning';
}

/**
 * A one-paragraph notice (an error message, a hint). Wraps taro-ui's
 * AtNoticebar without marquee or icon (the icon needs taro-ui's icon font).
 */
export default function Notice({ children, type = 'warning' }: NoticeProps) {
  return (
    <AtNoticebar className={`hh-notice hh-notice--${type}`}>
      {children}
    </AtNoticebar>
  );
}
