import type { PropsWithChildren } from 'react';
import './app.scss';

/**
 * The app shell. Data loads where it is shown (pages call the stores), so
 * starting the app costs no request.
 */
export default function App({ children }: PropsWithChildren) {
  return children;
}
