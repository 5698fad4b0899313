/**
 * The impact preview of a candidate rule set: the same pipeline evaluated with the live version and
 * the candidate, and the guidance each would give compared item by item. Depends on rules,
 * evaluate, guidance and the store's team split.
 */
package io.pandu.preview;
