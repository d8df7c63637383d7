import { useEffect, useState } from 'react';
import { api } from '../services/api.js';

// address -> Promise of an object URL; a photo is fetched once per page load, however often shown
const loaded = new Map();

function load(path) {
  if (!loaded.has(path)) {
    const p = api.chatPhoto(path).then((blob) => URL.createObjectURL(blob));
    // a failure is not kept: the next time it is shown it is tried again
    p.catch(() => loaded.delete(path));
    loaded.set(path, p);
  }
  return loaded.get(path);
}

/**
 * The displayable address of a chat photo (fetched with the token: chat photos are for the two
 * members only), `{src, error}`; `src` is null while it loads.
 */
export default function useChatPhoto(path) {
  const [state, setState] = useState({ path: null, src: null, error: null });
  useEffect(() => {
    if (!path) return undefined;
    let live = true;
    load(path).then(
      (src) => live && setState({ path, src, error: null }),
      (err) => live && setState({ path, src: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state.path === path ? state : { src: null, error: null };
}
