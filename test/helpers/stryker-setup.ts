import fc from 'fast-check';

/**
 * Mutation runs only (jest.stryker.config.js): a property that fails under a mutant stops at its
 * first counterexample instead of shrinking it. Shrinking is for a person reading the failure;
 * here it only made failing runs so slow that Stryker called killed mutants timeouts.
 */
fc.configureGlobal({ endOnFailure: true });
