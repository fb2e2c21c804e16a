import { expect } from '@open-wc/testing';
import { HelpdeskError } from '../../src/core/errors.js';

/** The HelpdeskError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<HelpdeskError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(HelpdeskError);
    return error as HelpdeskError;
  }
  throw new Error('expected a rejection');
}
