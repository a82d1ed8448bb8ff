package io.parley.comments.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssoRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.tld", "https://exämple.tld", "https://example.tld:1337/foobar?p=1#isso-thread",
            "http://localhost:8080/", "192.168.1.1", "sub.domain-x.example.museum.", "EXAMPLE.COM/path"})
    void acceptsWebsites(String website) {
        assertTrue(IssoRules.isWebsite(website), website);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.tld", "tel:+1234567", "+1234567", "spam", "name@example.com",
            "http://-bad.example", "example.tld/with space"})
    void rejectsNonWebsites(String website) {
        assertFalse(IssoRules.isWebsite(website), website);
    }

    @Test
    void escapesLikePython() {
        assertEquals("&lt;b&gt; &amp; \"q\" 'a'", IssoRules.escape("<b> & \"q\" 'a'"));
        assertEquals("&lt;b&gt; &amp; &quot;q&quot; &#x27;a&#x27;", IssoRules.escapeWithQuotes("<b> & \"q\" 'a'"));
    }

    @Test
    void websiteGetsAScheme() {
        assertEquals("http://example.tld", IssoRules.normaliseWebsite("example.tld"));
        assertEquals("https://example.tld", IssoRules.normaliseWebsite("https://example.tld"));
        assertEquals("", IssoRules.normaliseWebsite(""));
    }

    @Test
    void strippedLengthCountsCodePointsWithoutTrailingSpace() {
        assertEquals(2, IssoRules.strippedLength("ab \n\t\u00a0"));
        assertEquals(3, IssoRules.strippedLength("😀😀😀"));
        assertEquals(4, IssoRules.strippedLength(" abc"));
    }
}
