-- Remark42 dialect on the same comments as Isso.
-- Signed-in authors (session user id, picture, admin flag when posted); null for anonymous Isso comments.
alter table comments add column user_id varchar(255);
alter table comments add column user_picture text;
alter table comments add column user_admin boolean not null default false;
-- The comment a Remark42 reply answers (any depth); parent_id stays the top-level ancestor Isso needs.
alter table comments add column reply_to bigint;
alter table comments add column pinned boolean not null default false;
alter table comments add column edit_summary text;

-- Admin flag of a post (Remark42 read-only) and the version of its post.updated events.
alter table posts add column read_only boolean not null default false;
alter table posts add column version bigint not null default 0;

create index comments_user_created_idx on comments (user_id, created) where user_id is not null;
create index comments_reply_to_idx on comments (reply_to) where reply_to is not null;
-- GET /api/v1/comments?user=anonymous_<hash> for comments posted through Isso.
create index comments_author_hash_idx on comments (author_hash) where user_id is null;
