/** The admin's notice, scrolling slowly across the bottom of the board. */
export function NoticeLine({ text }: { text: string }) {
  if (!text.trim()) return null;
  // the crossing of the screen plus about 6 characters a second: slow enough to read from the back
  const seconds = Math.round(14 + text.length / 6);
  return (
    <div class="notice" data-testid="notice">
      {/* started a little in, so the first words are on screen at once */}
      <div class="notice-track" style={{ animationDuration: `${seconds}s`, animationDelay: '-10s' }}>
        {text}
      </div>
    </div>
  );
}
