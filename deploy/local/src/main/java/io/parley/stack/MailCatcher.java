package io.parley.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * SMTP catcher: GreenMail accepts every mail on {@code smtpPort}; an HTTP API on {@code apiPort} lists them
 * ({@code GET /api/messages}) and purges them ({@code DELETE /api/messages}). Mail is kept in memory only.
 */
public final class MailCatcher implements Component {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int smtpPort;
    private final int apiPort;
    private GreenMail greenMail;
    private HttpServer http;

    public MailCatcher(int smtpPort, int apiPort) {
        this.smtpPort = smtpPort;
        this.apiPort = apiPort;
    }

    @Override
    public String name() {
        return "smtp";
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int apiPort() {
        return apiPort;
    }

    /** {@code http://127.0.0.1:<apiPort>}; messages are under {@code /api/messages}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            mail.start();
        } catch (RuntimeException e) {
            throw new StackException("SMTP catcher did not start on port " + smtpPort + ": " + e.getMessage(), e);
        }
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), apiPort), 0);
        } catch (IOException e) {
            mail.stop();
            throw new StackException("Mail HTTP API did not start on port " + apiPort + ": " + e.getMessage(), e);
        }
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "parley-mail-api");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/api/messages", this::handle);
        http.start();
        greenMail = mail;
    }

    @Override
    public synchronized void stop() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** The caught messages, oldest first, in the shape the HTTP API returns. */
    public synchronized List<Map<String, Object>> messages() {
        if (greenMail == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        MimeMessage[] received = greenMail.getReceivedMessages();
        for (int i = 0; i < received.length; i++) {
            out.add(toJson(i + 1, received[i]));
        }
        return out;
    }

    public synchronized void purge() {
        if (greenMail != null) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (Exception e) {
                throw new StackException("Cannot purge caught mail: " + e.getMessage(), e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, JSON.writeValueAsBytes(messages()));
                case "DELETE" -> {
                    purge();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, JSON.writeValueAsBytes(Map.of("error", "method not allowed")));
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> toJson(int id, MimeMessage message) {
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("messageId", message.getMessageID());
            json.put("from", addresses(message.getFrom()));
            json.put("to", addresses(message.getRecipients(Message.RecipientType.TO)));
            json.put("cc", addresses(message.getRecipients(Message.RecipientType.CC)));
            json.put("subject", message.getSubject());
            json.put("date", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
            Map<String, String> bodies = new LinkedHashMap<>();
            collectBodies(message, bodies);
            json.put("text", bodies.get("text/plain"));
            json.put("html", bodies.get("text/html"));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
            }
            json.put("headers", headers);
            return json;
        } catch (MessagingException | IOException e) {
            throw new StackException("Cannot read caught mail: " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                out.add(address.toString());
            }
        }
        return out;
    }

    private static void collectBodies(Part part, Map<String, String> bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectBodies(child, bodies);
            }
        } else if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            String type = part.isMimeType("text/html") ? "text/html" : "text/plain";
            Object content = part.getContent();
            String text = content instanceof String s ? s
                    : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            bodies.putIfAbsent(type, text);
        }
    }

}
