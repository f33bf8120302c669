package io.mlops.cli.autopilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alias moves and traffic changes of promotion and rollback, against in-memory stand-ins. */
class PromotionAndRollbackTest {

    private static final Duration SWAP = Duration.ofSeconds(1);

    /** Aliases with history, newest first, as the registry keeps them. */
    static final class FakeAliases implements Aliases {
        final Map<String, Integer> current = new HashMap<>();
        final Map<String, List<Move>> history = new HashMap<>();
        final List<String> events = new ArrayList<>();

        @Override
        public OptionalInt version(String alias) {
            Integer v = current.get(alias);
            return v == null ? OptionalInt.empty() : OptionalInt.of(v);
        }

        @Override
        public void set(String alias, int version) {
            history.computeIfAbsent(alias, a -> new ArrayList<>()).add(0, new Move(current.get(alias), version));
            current.put(alias, version);
            events.add("alias.set " + alias + "=" + version);
        }

        @Override
        public void delete(String alias) {
            history.computeIfAbsent(alias, a -> new ArrayList<>()).add(0, new Move(current.remove(alias), null));
            events.add("alias.deleted " + alias);
        }

        @Override
        public List<Move> history(String alias) {
            return history.getOrDefault(alias, List.of());
        }
    }

    /** Serves what the aliases say, except versions it is told cannot load. */
    static final class FakeTraffic implements Traffic {
        final FakeAliases aliases;
        final Set<Integer> unloadable;
        String split = "champion only";

        FakeTraffic(FakeAliases aliases, Set<Integer> unloadable) {
            this.aliases = aliases;
            this.unloadable = unloadable;
        }

        @Override
        public void shadow(String championAlias, String challengerAlias) {
            split = "shadow " + challengerAlias;
        }

        @Override
        public void championOnly(String championAlias) {
            split = "champion only";
        }

        @Override
        public boolean awaitServing(String alias, int version, Duration timeout) {
            return aliases.version(alias).orElse(-1) == version && !unloadable.contains(version);
        }
    }

    static final class Silent implements Report {
        final List<String> lines = new ArrayList<>();

        @Override
        public void step(String message) {
            lines.add(message);
        }

        @Override
        public void detail(String message) {
            lines.add(message);
        }

        @Override
        public void waiting(String message) {
        }
    }

    private static FakeAliases inTrial() {
        FakeAliases aliases = new FakeAliases();
        aliases.set("champion", 1);
        aliases.set("champion", 3);
        aliases.set("challenger", 4);
        aliases.events.clear();
        return aliases;
    }

    @Test
    void promotionMovesTheChampionThenEndsTheShadowAndDropsTheChallenger() throws Exception {
        FakeAliases aliases = inTrial();
        FakeTraffic traffic = new FakeTraffic(aliases, Set.of());
        traffic.split = "shadow challenger";
        Silent report = new Silent();
        Rollback rollback = new Rollback(aliases, traffic, report, SWAP);

        int after = new Promotion(aliases, traffic, rollback, report, SWAP).run(3, 4);

        assertEquals(4, after);
        assertEquals(List.of("alias.set champion=4", "alias.deleted challenger"), aliases.events);
        assertEquals("champion only", traffic.split);
        assertEquals(new Aliases.Move(3, 4), aliases.history("champion").get(0));
    }

    @Test
    void aPromotionThatIsNotServedIsRolledBackToThePreviousChampionFromHistory() throws Exception {
        FakeAliases aliases = inTrial();
        FakeTraffic traffic = new FakeTraffic(aliases, Set.of(4));
        Silent report = new Silent();
        Rollback rollback = new Rollback(aliases, traffic, report, SWAP);

        int after = new Promotion(aliases, traffic, rollback, report, SWAP).run(3, 4);

        assertEquals(3, after);
        assertEquals(OptionalInt.of(3), aliases.version("champion"));
        assertTrue(aliases.version("challenger").isEmpty());
        assertEquals(List.of("alias.set champion=4", "alias.deleted challenger", "alias.set champion=3"), aliases.events);
        assertEquals("champion only", traffic.split);
    }

    @Test
    void aRollbackBeforePromotionOnlyRemovesTheChallenger() throws Exception {
        FakeAliases aliases = inTrial();
        FakeTraffic traffic = new FakeTraffic(aliases, Set.of());
        traffic.split = "shadow challenger";

        int after = new Rollback(aliases, traffic, new Silent(), SWAP).run(3, 4, "challenger does not win");

        assertEquals(3, after);
        assertEquals(List.of("alias.deleted challenger"), aliases.events);
        assertEquals(OptionalInt.of(3), aliases.version("champion"));
        assertEquals("champion only", traffic.split);
    }

    @Test
    void aChampionSomeoneElseMovedIsLeftAlone() throws Exception {
        FakeAliases aliases = inTrial();
        aliases.set("champion", 2);
        aliases.events.clear();

        int after = new Rollback(aliases, new FakeTraffic(aliases, Set.of()), new Silent(), SWAP).run(3, 4, "moved");

        assertEquals(2, after);
        assertEquals(List.of("alias.deleted challenger"), aliases.events);
    }
}
