package io.parley.comments.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthorHasherTest {

    private final AuthorHasher isso = new AuthorHasher("pbkdf2", "Eech7co8Ohloopo9Ol6baimi");

    @Test
    void matchesIssoDefaultVectors() {
        assertEquals("42476aafe2e4", isso.hash(""));
        assertEquals("4505c1eeda98", isso.hash("127.0.0.0"));
        assertEquals("9f0076fd038d", isso.hash("192.168.1.0"));
        assertEquals("34c4987094a4", isso.hash("foo@example.com"));
    }

    @Test
    void explicitDefaultParametersAreTheSame() {
        assertEquals("34c4987094a4",
                new AuthorHasher("pbkdf2:1000:6:sha1", "Eech7co8Ohloopo9Ol6baimi").hash("foo@example.com"));
    }

    @Test
    void otherAlgorithms() {
        assertEquals("666f6f", new AuthorHasher("none", "x").hash("foo"));
        assertEquals("0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33", new AuthorHasher("sha1", "x").hash("foo"));
    }
}
