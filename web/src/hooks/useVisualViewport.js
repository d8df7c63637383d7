import { useEffect } from 'react';

/** A visual viewport this much shorter than its tallest at the same width is an on-screen keyboard. */
const KEYBOARD_MIN_PX = 120;

function isTextField(el) {
  return !!el && (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type)));
}

/**
 * Keeps a full-height page (the chat) inside what can be seen while a phone's keyboard is open.
 * Chrome on Android resizes the page itself (interactive-widget=resizes-content in index.html,
 * and dvh units); Safari on iOS only shrinks the visual viewport, so its height is published as
 * --viewport-height for the layout to follow. While the keyboard is open the root carries
 * data-keyboard-open, and the phone tab bar steps aside so the composer sits on the keyboard.
 */
export default function useVisualViewport() {
  useEffect(() => {
    const vv = window.visualViewport;
    if (!vv) return undefined;
    const root = document.documentElement;
    let width = 0;
    let tallest = 0;

    function update() {
      // pinching to zoom shrinks the visual viewport too: the layout keeps its size then
      if (Math.abs(vv.scale - 1) > 0.01) return;
      if (vv.width !== width) {
        width = vv.width;
        tallest = 0;
      }
      tallest = Math.max(tallest, vv.height);
      root.style.setProperty('--viewport-height', `${vv.height}px`);
      root.toggleAttribute('data-keyboard-open', isTextField(document.activeElement) && tallest - vv.height > KEYBOARD_MIN_PX);
    }

    update();
    vv.addEventListener('resize', update);
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', update);
    return () => {
      vv.removeEventListener('resize', update);
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', update);
      root.style.removeProperty('--viewport-height');
      root.removeAttribute('data-keyboard-open');
    };
  }, []);
}
