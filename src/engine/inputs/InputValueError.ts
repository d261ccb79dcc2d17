import { formatMessage } from '../flow/errorMessages';

/** A value that does not fit its input; `code` and `params` are for translation (errorMessages.ts). */
export class InputValueError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string>,
  ) {
    super(formatMessage(code, params, 'en'));
    this.name = 'InputValueError';
  }
}
