/**
 * The HTTP layer and nothing else: the OpenAPI contract drives routing, validation and the role
 * policy; handlers parse, call one service, render; one failure handler writes problem+json.
 * Depends on the feature services it is handed (ApiServices); nothing but the composition root
 * depends on it.
 */
package io.pandu.api;
