-- RSA key pairs that sign session tokens. Every replica reads the same rows, so a token signed by one is
-- verified with keys published by any. The newest key signs; all listed keys are published (JWKS).
create table signing_keys (
    kid         varchar(64)  primary key,
    -- PKCS#8 (private) and X.509 SubjectPublicKeyInfo (public), base64.
    private_key text         not null,
    public_key  text         not null,
    created_at  timestamptz  not null default now()
);

-- A user as known on one site (a session is issued for one site, as Remark42's audience).
create table users (
    site            varchar(64)  not null,
    id              varchar(128) not null,
    name            text         not null default '',
    picture         text         not null default '',
    provider        varchar(64)  not null,
    -- The identity provider's admin role at the user's last login.
    idp_admin       boolean      not null default false,
    verified        boolean      not null default false,
    -- Set while blocked; a permanent block ends 100 years on, as in Remark42.
    blocked_until   timestamptz,
    block_permanent boolean      not null default false,
    -- Deleted by an admin: details gone, the row stays so that the event version keeps growing.
    deleted         boolean      not null default false,
    -- Grows with every change published on user-events.
    version         bigint       not null default 0,
    created_at      timestamptz  not null default now(),
    last_login_at   timestamptz,
    primary key (site, id)
);

create index users_blocked_idx on users (site, blocked_until) where blocked_until is not null;

-- Single-use tokens (email login links) already consumed; rows may go once the token expired.
create table used_tokens (
    jti        varchar(64)  primary key,
    expires_at timestamptz  not null
);

-- Transactional outbox of user events: written with the change, published by the relay after commit.
create table outbox (
    id          uuid         primary key,
    seq         bigserial    not null unique,
    topic       varchar(255) not null,
    record_key  text         not null,
    event_type  varchar(64)  not null,
    payload     text         not null,
    created_at  timestamptz  not null default now(),
    sent_at     timestamptz
);

create index outbox_unsent_idx on outbox (seq) where sent_at is null;
