-- Vote totals from votes-service (vote.cast events): likes/dislikes exist since V1; the controversy (Remark42
-- sorting) and the version of the last applied totals, so redeliveries and stale replays change nothing.
alter table comments add column controversy double precision not null default 0;
alter table comments add column votes_version bigint not null default 0;
