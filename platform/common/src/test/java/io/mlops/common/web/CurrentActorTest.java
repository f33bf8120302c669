package io.mlops.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CurrentActorTest {

    @Test
    void missingOrBlankHeaderIsAnonymous() {
        assertEquals("anonymous", CurrentActor.normalise(null));
        assertEquals("anonymous", CurrentActor.normalise("   "));
    }

    @Test
    void headerIsTrimmedAndBounded() {
        assertEquals("alice", CurrentActor.normalise("  alice "));
        assertEquals(200, CurrentActor.normalise("x".repeat(5000)).length());
    }
}
