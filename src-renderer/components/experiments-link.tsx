// The way to the guided experiments from a view's header (and so from #/, where both headers show).
export function ExperimentsLink() {
  return (
    <a className="experiments-link" href="#/experiments">
      Experiments
    </a>
  );
}
