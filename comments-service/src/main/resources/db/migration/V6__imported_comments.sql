-- Comments brought in by an importer, by their id in the source (Isso: comments.id), so a re-import skips them,
-- also when they were deleted here since. No foreign key: the record outlives the comment.
create table imported_comments (
    source      varchar(64)  not null,
    site        varchar(64)  not null,
    source_id   bigint       not null,
    comment_id  bigint       not null,
    imported_at timestamptz  not null default now(),
    primary key (source, site, source_id)
);
