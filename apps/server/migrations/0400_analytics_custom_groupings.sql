-- Analytics (issue 5): custom groupings are rows of the geo module's `groupings` table (type 'custom', id 'custom-N');
-- this sequence numbers them. The growth-pole regions are seeded by the seed step `analytics-groupings-v1`.
create sequence analytics_custom_grouping_seq;
create index groupings_created_by_idx on groupings (created_by) where created_by is not null;
