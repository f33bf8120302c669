package io.mlops.registry.alias.rest;

/** Body of {@code PUT /api/v1/models/{name}/aliases/{alias}}. */
public record SetAliasRequest(Integer version) {
}
