/**
 * Browsers keep a page silent until someone touches it. The board asks once
 * ("Bật âm thanh") and remembers the answer; if the browser still blocks
 * sound after a reload, the button shows again.
 */
import { signal } from '@preact/signals';
import { unlockAudio } from './chime';

const STORAGE_KEY = 'motcua.board.sound';

/** True once the sound is on for this page load. */
export const soundOn = signal(false);

/**
 * On start: some browsers (a kiosk-mode TV browser allowed to autoplay) need
 * no tap at all. If sound was turned on before, the next touch of any kind
 * turns it on again, so nobody has to find the button twice.
 */
export async function restoreSound(): Promise<void> {
  soundOn.value = await unlockAudio();
  if (soundOn.value || localStorage.getItem(STORAGE_KEY) !== '1') return;
  const again = () => void enableSound();
  window.addEventListener('pointerdown', again, { once: true });
  window.addEventListener('keydown', again, { once: true });
}

/** The tap on "Bật âm thanh". */
export async function enableSound(): Promise<void> {
  const ok = await unlockAudio();
  if ('speechSynthesis' in window) {
    // an empty utterance inside the gesture unlocks speech on browsers that need it
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(''));
  }
  localStorage.setItem(STORAGE_KEY, '1');
  soundOn.value = ok;
}
