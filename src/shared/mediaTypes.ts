/** Media types and the advice shown when the player cannot decode a file. Pure. */

const TYPES: Record<string, string> = {
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/mp4', webm: 'video/webm', mkv: 'video/webm', ogv: 'video/ogg',
  ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv', mpg: 'video/mpeg', mts: 'video/mp2t',
};

export function mediaMimeType(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return TYPES[ext] ?? 'video/mp4';
}

/** The ffmpeg command that converts a recording into something every player here decodes (H.264/AAC MP4). */
export function convertCommand(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '');
  const q = (s: string) => (/[\s"'$`\\]/.test(s) ? `"${s.replace(/(["$`\\])/g, '\\$1')}"` : s);
  return `ffmpeg -i ${q(fileName)} -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -g 25 -c:a aac -b:a 160k -movflags +faststart ${q(base + '-h264.mp4')}`;
}

/**
 * The message for a media element error (HTMLMediaElement MediaError codes). `codec` names what
 * the file holds when known (e.g. "HEVC/H.265", "ProRes").
 */
export function playbackErrorMessage(fileName: string, errorCode: number, codec?: string): string {
  const what = codec ? `its ${codec} video` : 'its video or audio codec';
  switch (errorCode) {
    case 1:
      return `Loading "${fileName}" was interrupted. Try again.`;
    case 2:
      return `"${fileName}" could not be read (the file or the connection failed while loading).`;
    case 3:
    case 4:
      return `Triangulate cannot play "${fileName}": ${what} is not supported by the built-in player (H.264/AAC MP4 and VP8/VP9/AV1 WebM are). Convert it once with: ${convertCommand(fileName)}`;
    default:
      return `"${fileName}" cannot be played (error ${errorCode}).`;
  }
}
