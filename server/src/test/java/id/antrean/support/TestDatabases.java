package id.antrean.support;

import java.util.Map;

import id.antrean.storage.Database;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** Opens the storage layer alone (pool, migrations, statements) on a test class's database. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Database open(TestDatabase.Db db) {
        return Database.open(Config.just(ConfigSources.create(Map.of(
                "connection.url", db.url(),
                "connection.username", db.user(),
                "connection.password", db.password()))));
    }
}
