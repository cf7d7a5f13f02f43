import ResultsView from './ResultsView';

export default function ResultsPage() {
  return <ResultsView />;
}
