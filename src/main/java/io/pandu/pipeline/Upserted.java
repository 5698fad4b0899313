package io.pandu.pipeline;

import io.pandu.store.UpsertCounts;

/** A record after an upsert: what the upsert did, and the record's version now. */
public record Upserted<T>(T value, UpsertCounts.Outcome outcome, int version) {}
