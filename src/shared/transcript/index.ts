/** Transcript import (WebVTT/SRT via media-captions) and types. */
export * from './types';
export * from './parse';
