import { t } from '../i18n';
import { enableSound, soundOn } from '../sound';

/** The one tap a browser needs before the board may speak. */
export function SoundButton() {
  if (soundOn.value) return null;
  return (
    <button type="button" class="sound-button" data-testid="enable-sound" onClick={() => void enableSound()}>
      <span class="sound-icon" aria-hidden="true">
        🔊
      </span>
      <span>
        <strong>{t().enableSound}</strong>
        <small>{t().enableSoundHint}</small>
      </span>
    </button>
  );
}
