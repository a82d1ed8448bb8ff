-- Per-site user state learnt from user-events (auth-service owns users); version makes redeliveries no-ops.
create table user_states (
    site          varchar(64)  not null,
    user_id       varchar(255) not null,
    -- End of a block; null = not blocked. A permanent block is stored as far in the future.
    blocked_until timestamptz,
    verified      boolean      not null default false,
    deleted       boolean      not null default false,
    version       bigint       not null,
    primary key (site, user_id)
);
