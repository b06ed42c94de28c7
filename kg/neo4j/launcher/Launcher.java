import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j 5 community server for plan-kg: the embedded database with its Bolt
 * connector on a local port, which the official drivers talk to.
 *
 * Usage: java -cp "lib/*" Launcher.java HOME HOST PORT
 * The password, when auth is wanted, comes from the KG_NEO4J_PASSWORD
 * environment variable (never from argv, so it does not show in `ps`).
 * Prints "READY bolt://HOST:PORT" once the server accepts connections.
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Launcher HOME HOST PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String password = System.getenv("KG_NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        String pageCache = System.getenv().getOrDefault("KG_NEO4J_PAGECACHE", "512m");

        Files.createDirectories(home);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .setConfig(GraphDatabaseSettings.pagecache_memory, org.neo4j.io.ByteUnit.parse(pageCache))
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
            .build();
        Thread hook = new Thread(() -> {
            System.out.println("STOPPING");
            dbms.shutdown();
            System.out.println("STOPPED");
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (auth) {
                // The built-in user starts with a password that must be changed; set ours instead.
                GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                try {
                    system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
                } catch (RuntimeException e) {
                    // a restart with the same password: nothing to change
                    if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) throw e;
                }
            }
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            dbms.shutdown();  // close the store cleanly, then leave at once
            Runtime.getRuntime().halt(1);
        }
        System.out.println("READY bolt://" + host + ":" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
