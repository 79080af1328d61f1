import { expect } from 'vitest'

/**
 * The error `fn` throws, asserted to be a `type`; fails the test when `fn` returns instead. For
 * tests that go on to assert the error's own fields (a rule name, the full message).
 */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(type)
    return error as E
  }
  throw new Error(`expected ${type.name} to be thrown`)
}
