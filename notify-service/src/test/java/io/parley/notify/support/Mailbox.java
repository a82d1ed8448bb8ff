package io.parley.notify.support;

import java.util.List;
import java.util.Map;

import io.parley.stack.testing.LocalInfrastructure;

/** The mails the SMTP catcher of the test infrastructure got, by recipient. */
public final class Mailbox {

    private Mailbox() {
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> to(String address) {
        return LocalInfrastructure.current().mail().messages().stream()
                .filter(m -> ((List<String>) m.get("to")).stream().anyMatch(t -> t.contains(address)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    public static String header(Map<String, Object> mail, String name) {
        List<String> values = ((Map<String, List<String>>) mail.get("headers")).get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A fresh address of the catcher's own. */
    public static String fresh(String who) {
        return who + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
