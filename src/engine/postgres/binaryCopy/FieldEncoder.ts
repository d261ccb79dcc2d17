import type { BinaryCopyWriter } from './BinaryCopyWriter';

/**
 * Writes one CSV value (the bytes `src[start, end)`, quotes already removed)
 * as a binary COPY field: its length and the value in the column type's
 * binary format. Returns false, having written nothing, when it is not sure
 * the value means exactly what PostgreSQL's text input function would make
 * of it (the COPY then goes the text way, and PostgreSQL parses it).
 */
export type FieldEncoder = (src: Uint8Array, start: number, end: number, out: BinaryCopyWriter) => boolean;
