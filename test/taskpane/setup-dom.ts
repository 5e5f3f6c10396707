import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves out what the real task pane's browser has: the text codecs the file reader uses.
Object.assign(globalThis, { TextDecoder, TextEncoder });
