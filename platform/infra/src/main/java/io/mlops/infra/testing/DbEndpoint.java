package io.mlops.infra.testing;

/** How to reach the shared test database. */
record DbEndpoint(String jdbcUrl, String user, String password) {
}
