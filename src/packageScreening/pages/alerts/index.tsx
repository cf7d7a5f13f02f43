import ResultsView from '../results/ResultsView';

/** Where a screening_alert message opens: the alerts of my school, most urgent first. */
export default function AlertsPage() {
  return <ResultsView alertsOnly />;
}
