-- Key/value settings of the service, e.g. the generated Isso session key.
create table preferences (
    key   varchar(64) primary key,
    value text        not null
);

-- A post (Isso: thread) is one page of one site.
create table posts (
    id         bigserial    primary key,
    site       varchar(64)  not null,
    uri        text         not null,
    title      text,
    created_at timestamptz  not null default now(),
    constraint posts_site_uri_key unique (site, uri)
);

create table comments (
    id             bigserial    primary key,
    post_id        bigint       not null references posts (id),
    -- Always a top-level comment of the same post (two-level model).
    parent_id      bigint       references comments (id),
    state          varchar(32)  not null,
    text           text         not null,
    html           text         not null,
    author         text,
    email          text,
    website        text,
    client_network varchar(39),
    author_hash    varchar(128) not null,
    -- As sent by the Isso client (null when omitted).
    notification   integer,
    created        timestamptz  not null,
    modified       timestamptz,
    version        bigint       not null default 1,
    likes          integer      not null default 0,
    dislikes       integer      not null default 0
);

create index comments_post_created_idx on comments (post_id, created);
create index comments_parent_idx on comments (parent_id) where parent_id is not null;

-- Transactional outbox: written with the change it describes, published by the relay after commit.
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
