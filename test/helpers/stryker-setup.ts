import fc from 'fast-check';

/**
 * Mutation runs only (jest.stryker.config.js): a property that fails under a mutant stops at its
 * first counterexample instead of shrinking it. Shrinking is for a person reading the failure;
 * here it only makes a failing run longer, and a run past Stryker's limit is called a timeout.
 */
fc.configureGlobal({ endOnFailure: true });
