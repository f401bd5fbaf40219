/**
 * Transcript import: expected cues worked out by hand from each file's text
 * (h:mm:ss.mmm → ms: 00:01:02.345 = 62 345 ms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueSpeakerAndText, parseStamp, parseTranscript, TranscriptError } from '../../../src/shared/transcript';

const cue = (startMs: number, endMs: number, text: string, speaker = '') => ({ startMs, endMs, speaker, text });

async function failure(text: string, opts: { fileName?: string } = {}): Promise<TranscriptError> {
  try {
    await parseTranscript(text, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(TranscriptError);
    return e as TranscriptError;
  }
  throw new Error('expected a TranscriptError');
}

describe('timestamps', () => {
  it('reads hours, minutes, seconds and a comma or point before the milliseconds', () => {
    expect(parseStamp('01:02:03.456')).toBe(3_723_456);
    expect(parseStamp('01:02:03,456')).toBe(3_723_456);
    expect(parseStamp('02:03.456')).toBe(123_456); // hours missing
    expect(parseStamp('00:00:01.5')).toBe(1500); // a fraction of a second
    expect(parseStamp('00:61:00.000')).toBeNull();
    expect(parseStamp('0x:00.000')).toBeNull();
  });
});

describe('WebVTT', () => {
  it('imports the demo transcript with the speakers from its voice tags', async () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../assets/demo/workshop.vtt'), 'utf8');
    const t = await parseTranscript(text);
    expect(t.format).toBe('vtt');
    expect(t.cues).toHaveLength(17);
    expect(t.cues[0]).toEqual(cue(1000, 7500, 'Welcome back, everyone. Today we want to co-write the research brief with you, not for you.', 'Lena'));
    expect(t.cues[1]).toEqual(cue(8000, 14500, 'Good, because the last brief read like a journal article. None of our coaches finished it.', 'Maya'));
    expect(new Set(t.cues.map((c) => c.speaker))).toEqual(new Set(['Lena', 'Maya', 'Tomas', 'Dev']));
  });

  it('accepts a BOM, CRLF, missing hours, comma milliseconds and whitespace-only blank lines', async () => {
    const text = '\uFEFFWEBVTT\r\n\r\n1\r\n00:01.000 --> 00:02.500 align:start\r\n<v.loud Ana Paula>Hi <b>there</b> &amp; you\r\n   \r\n00:00:02,500 --> 00:00:03,000\r\nJONAS: ok\r\n\t\r\nNOTE a comment --> with an arrow\r\n\r\n00:04.000 --> 00:04.020\r\n(laughs)\r\n';
    const t = await parseTranscript(text);
    expect(t.cues).toEqual([
      cue(1000, 2500, 'Hi there & you', 'Ana Paula'),
      cue(2500, 3000, 'ok', 'JONAS'),
      cue(4000, 4020, '(laughs)'),
    ]);
  });

  it('splits a cue glued to the previous one without a blank line', async () => {
    const t = await parseTranscript('WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:03.000 --> 00:04.000\nB\n');
    expect(t.cues).toEqual([cue(1000, 2000, 'A'), cue(3000, 4000, 'B')]);
  });

  it('names the line of a malformed timing', async () => {
    const e = await failure('WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:0x.000\nB\n');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/^line 6: malformed cue timing "00:03.000 --> 00:0x.000"/);
  });

  it('names the line of a cue that ends before it starts', async () => {
    const e = await failure('WEBVTT\n\n00:05.000 --> 00:02.000\nA\n');
    expect(e.message).toBe('line 3: the cue ends (00:02.000) before it starts (00:05.000)');
  });

  it('names the line of a cue without duration (the parser would drop it silently)', async () => {
    const e = await failure('WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n00:04.000 --> 00:04.000\nB\n');
    expect(e.message).toBe('line 6: the cue has no duration (it ends when it starts, 00:04.000)');
  });

  it('refuses a .vtt file without the WEBVTT header', async () => {
    const e = await failure('00:01.000 --> 00:02.000\nA\n', { fileName: 'talk.vtt' });
    expect(e.message).toMatch(/^line 1: a WebVTT file must start with "WEBVTT"/);
  });
});

describe('SRT', () => {
  it('imports the demo SRT with NAME: prefixes as speakers', async () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../assets/demo/workshop.srt'), 'utf8');
    const t = await parseTranscript(text, { fileName: 'workshop.srt' });
    expect(t.format).toBe('srt');
    expect(t.cues).toHaveLength(17);
    expect(t.cues[0]!.startMs).toBe(1000);
    expect(t.cues[0]!.endMs).toBe(7500);
    expect(t.cues[0]!.speaker).not.toBe('');
    expect(t.cues[0]!.text.startsWith('Welcome back')).toBe(true);
  });

  it('accepts point milliseconds, missing hours, CR-only line ends, multi-line text and no blank line between cues', async () => {
    const text = '1\r00:01,000 --> 00:02.500\rHello\rsecond line\r2\r00:01:03,000 --> 00:01:04,250\rMAYA: hi\r';
    const t = await parseTranscript(text, { fileName: 'a.srt' });
    expect(t.cues).toEqual([cue(1000, 2500, 'Hello second line'), cue(63_000, 64_250, 'hi', 'MAYA')]);
  });

  it('accepts several blank lines between cues and a trailing file without newline', async () => {
    const t = await parseTranscript('1\n00:00:01,000 --> 00:00:02,000\nA\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\nB', { fileName: 'a.srt' });
    expect(t.cues).toEqual([cue(1000, 2000, 'A'), cue(3000, 4000, 'B')]);
  });

  it('names the line of a timing with a broken arrow', async () => {
    const e = await failure('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 -> 00:00:04,000\nB\n', { fileName: 'a.srt' });
    expect(e.message).toMatch(/^line 6: malformed cue timing "00:00:03,000 -> 00:00:04,000"/);
  });

  it('names the line after a cue number that has no timing', async () => {
    const e = await failure('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\nB without timing\n', { fileName: 'a.srt' });
    expect(e.message).toMatch(/^line 6: cue 2 has no timing line/);
  });

  it('says when a file has no cues at all', async () => {
    const e = await failure('just some notes\n', { fileName: 'a.srt' });
    expect(e.message).toMatch(/No cues found/);
  });
});

describe('speakers', () => {
  it('takes a voice tag first, else a NAME: prefix, else none', () => {
    expect(cueSpeakerAndText('<v Dev>That template')).toEqual({ speaker: 'Dev', text: 'That template' });
    expect(cueSpeakerAndText('<v.first.loud Maya Lopez><i>So</i> who?</v>')).toEqual({ speaker: 'Maya Lopez', text: 'So who?' });
    expect(cueSpeakerAndText('TOMAS: Fair point.')).toEqual({ speaker: 'TOMAS', text: 'Fair point.' });
    expect(cueSpeakerAndText('the time is 10: late')).toEqual({ speaker: '', text: 'the time is 10: late' });
    expect(cueSpeakerAndText('Well, this is a long sentence: not a name')).toEqual({ speaker: '', text: 'Well, this is a long sentence: not a name' });
  });
});
