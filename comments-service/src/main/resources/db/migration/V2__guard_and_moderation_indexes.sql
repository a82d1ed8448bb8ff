-- Guard: comments per client network in the last minute, and top-level comments per network in one thread.
create index comments_network_created_idx on comments (client_network, created);
create index comments_post_network_idx on comments (post_id, client_network) where parent_id is null;
-- Moderation: approve-if-email-previously-approved, and the purge of stale pending comments.
create index comments_email_created_idx on comments (email, created) where email is not null;
create index comments_state_created_idx on comments (state, created);
