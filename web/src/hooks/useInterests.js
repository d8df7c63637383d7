import { useEffect, useState, useSyncExternalStore } from 'react';
import interestStore from '../services/interestStore.js';

/** The number of interests waiting for my answer, live. */
export function useWaitingInterests() {
  return useSyncExternalStore(interestStore.subscribe, interestStore.waiting);
}

/** A counter that moves whenever an interest or shortlist change arrives: a reload trigger. */
export function useInterestChanges(filter = () => true) {
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      interestStore.subscribe((event) => {
        if (event && filter(event)) setVersion((v) => v + 1);
      }),
    // the filter is read fresh on each event through the closure of the latest render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return version;
}
