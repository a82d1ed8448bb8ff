package io.parley.votes.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of votes-service (prefix {@code parley}). */
@ConfigMapping(prefix = "parley")
public interface VotesConfig {

    /** Site of Isso requests (Isso names no site). */
    @WithDefault("remark")
    String defaultSite();

    Store store();

    Replica replica();

    Outbox outbox();

    Isso isso();

    Remark remark();

    interface Store {
        /** MongoDB database of the service. */
        @WithDefault("votes")
        String database();
    }

    interface Replica {
        /**
         * How long a vote for a comment the replica has not seen yet waits for its comment event before it is
         * answered as an unknown comment (the event is normally a few milliseconds behind the comment's creation).
         */
        @WithDefault("3s")
        Duration maxWait();
    }

    interface Outbox {
        /** Totals documents published per relay round. */
        @WithDefault("200")
        int batchSize();

        /**
         * A vote change still unfinished after this long is taken to belong to a crashed or stalled request and is
         * completed by the reconciler. Applied changes are remembered on the totals document for three times as long,
         * so a late original request can never apply a change twice.
         */
        @WithDefault("10s")
        Duration reconcileAfter();

        /** How often abandoned changes are looked for. */
        @WithDefault("5s")
        Duration reconcileInterval();

        /** How often the relay looks for unpublished totals besides the pass that follows each vote. */
        @WithDefault("1s")
        Duration sweepInterval();
    }

    interface Isso {
        /**
         * Isso refuses votes once likes + dislikes reach 142 because its Bloom filter degrades; votes here are
         * recorded exactly, so there is no cap unless one is configured.
         */
        Optional<Integer> maxVotes();
    }

    interface Remark {
        /** Remark42 {@code ANON_VOTE}: anonymous users may vote (Remark42 also needs {@code VOTES_IP} for that). */
        @WithDefault("false")
        boolean anonVote();

        /** Remark42 {@code VOTES_IP}: refuse a vote in the same direction from the same address (code 12). */
        @WithDefault("false")
        boolean votesIp();

        /** Remark42 {@code VOTES_IP_TIME}: how long the same-address rule holds; 0 = forever. */
        @WithDefault("5m")
        Duration votesIpTime();

        /** Remark42 {@code MAX_VOTES}: most voters per comment (code 15); negative = unlimited, 0 = no votes. */
        @WithDefault("-1")
        int maxVotes();

        /** Remark42 {@code POSITIVE_SCORE}: no down-vote once the score is 0 or less (code 16). */
        @WithDefault("false")
        boolean positiveScore();

        /** Key of the HMAC that turns client addresses into the stored address hashes of the same-address rule. */
        @WithDefault("parley-votes-ip")
        String ipSecret();
    }
}
