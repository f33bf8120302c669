package io.mlops.infra.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/** Creates a database unless it exists, connected to the server's maintenance database. */
final class DatabaseCreator {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseCreator() {
    }

    /**
     * Uses the driver class directly rather than {@code DriverManager}, whose class-loader checks
     * can hide the driver inside application class loaders such as Quarkus' test class loader.
     */
    static void ensure(int port, String user, String database) throws SQLException {
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        try (Connection c = new Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props)) {
            if (!exists(c, database)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + database);
                }
            }
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
