package io.parley.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.parley.stack.LocalStack.Part;
import io.parley.stack.testing.LocalInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Starts the real infrastructure parts on free ports and uses each of them; the parts stop at JVM exit. */
class LocalStackInfrastructureTest {

    static LocalStack stack;

    /**
     * Through the Quarkus test resource, as service tests use it: a second resource asking for more parts extends
     * the same stack instead of starting another.
     */
    @BeforeAll
    static void start() {
        LocalInfrastructure first = new LocalInfrastructure();
        first.init(Map.of("components", "postgres,kafka", "database", "comments"));
        Map<String, String> config = first.start();
        assertEquals(Set.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password", "kafka.bootstrap.servers"),
                config.keySet());
        assertTrue(config.get("quarkus.datasource.jdbc.url").matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/comments"));

        LocalInfrastructure second = new LocalInfrastructure();
        second.init(Map.of("components", "mongo,smtp,kafka"));
        Map<String, String> more = second.start();
        assertEquals(config.get("kafka.bootstrap.servers"), more.get("kafka.bootstrap.servers"));
        assertTrue(more.get("quarkus.mongodb.connection-string").startsWith("mongodb://127.0.0.1:"));
        assertEquals("127.0.0.1", more.get("quarkus.mailer.host"));
        assertTrue(more.get("parley-test.mail-api-url").startsWith("http://127.0.0.1:"));

        stack = LocalInfrastructure.current();
        assertEquals(EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.MONGO, Part.SMTP), stack.parts());
        assertEquals(more.get("quarkus.mailer.port"), String.valueOf(stack.smtpPort()));
    }

    @Test
    void postgresAnswersSqlInTheRequestedDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl("comments"), stack.postgresUsername(),
                stack.postgresPassword()); Statement s = c.createStatement()) {
            s.execute("create table if not exists probe (id int primary key, text varchar(20))");
            s.execute("insert into probe values (1, 'hello') on conflict do nothing");
            try (ResultSet rs = s.executeQuery("select text, current_database(), version() from probe")) {
                assertTrue(rs.next());
                assertEquals("hello", rs.getString(1));
                assertEquals("comments", rs.getString(2));
                assertTrue(rs.getString(3).startsWith("PostgreSQL 18"), rs.getString(3));
            }
        }
        assertTrue(stack.postgresReactiveUrl("comments").startsWith("postgresql://127.0.0.1:"));

        stack.postgres().stop();
        stack.postgres().start();
        try (Connection c = DriverManager.getConnection(stack.postgresJdbcUrl("comments"), stack.postgresUsername(),
                stack.postgresPassword()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select text from probe where id = 1")) {
            assertTrue(rs.next(), "the row survived a restart");
            assertEquals("hello", rs.getString(1));
        }
    }

    @Test
    void kafkaKeepsRecordsAcrossABrokerRestart() throws Exception {
        String topic = "comment-events";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "remark|/post", "before-restart")).get();
        }
        assertEquals(List.of("before-restart"), consume(topic, "probe-1", 1));

        KafkaBroker broker = stack.kafka();
        long pid = broker.pid();
        broker.stop();
        assertFalse(broker.isRunning());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        broker.start();
        assertTrue(broker.isRunning());

        // A new consumer group reads from the beginning: the record survived the restart.
        assertEquals(List.of("before-restart"), consume(topic, "probe-2", 1));
    }

    private static List<String> consume(String topic, String group, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    @Test
    void mongoStoresAndFindsDocuments() {
        try (MongoClient client = MongoClients.create(stack.mongoUrl())) {
            var posts = client.getDatabase("feed").getCollection("post_info");
            posts.insertOne(new Document("_id", "remark|/post").append("count", 1));
            Document found = posts.find(new Document("_id", "remark|/post")).first();
            assertEquals(1, found.getInteger("count"));
        }
        // The wire server keeps its data in an H2 file: a restart keeps the read model.
        stack.mongo().stop();
        stack.mongo().start();
        try (MongoClient client = MongoClients.create(stack.mongoUrl())) {
            Document found = client.getDatabase("feed").getCollection("post_info")
                    .find(new Document("_id", "remark|/post")).first();
            assertEquals(1, found.getInteger("count"));
        }
    }

    @Test
    void caughtMailIsReadableOverHttp() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@parley.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.com"));
        message.setSubject("New reply");
        message.setText("Someone answered you.");
        message.setHeader("List-Unsubscribe", "<http://localhost:8080/unsubscribe?t=abc>");
        Transport.send(message);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(stack.mailApiUrl() + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode messages = new ObjectMapper().readTree(response.body());
        JsonNode mail = messages.get(messages.size() - 1);
        assertEquals("New reply", mail.get("subject").asText());
        assertEquals("reader@example.com", mail.get("to").get(0).asText());
        assertEquals("Someone answered you.", mail.get("text").asText().trim());
        assertEquals("<http://localhost:8080/unsubscribe?t=abc>",
                mail.get("headers").get("List-Unsubscribe").get(0).asText());

        HttpResponse<String> purge = http.send(HttpRequest.newBuilder(URI.create(stack.mailApiUrl() + "/api/messages"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, purge.statusCode());
        assertEquals("[]", http.send(HttpRequest.newBuilder(URI.create(stack.mailApiUrl() + "/api/messages")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
