import { t } from '../i18n';
import { enableSound, soundOn } from '../sound';

/** The one tap a browser needs before the board may speak. */
export function SoundButton() {
  if (soundOn.value) return null;
  return (
    <button type="button" class="sound-button" data-testid="enable-sound" onClick={() => void enableSound()}>
      {/* drawn, not an emoji: a TV browser may have no emoji font */}
      <svg class="sound-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
        <path
          d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
        />
      </svg>
      <span>
        <strong>{t().enableSound}</strong>
        <small>{t().enableSoundHint}</small>
      </span>
    </button>
  );
}
