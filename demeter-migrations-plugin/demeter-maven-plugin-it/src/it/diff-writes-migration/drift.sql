-- Made by hand on the dev database, as a developer prototypes a change.
alter table greenhouses add column notes text not null default '';
alter table greenhouses alter column outline type geometry(MultiPolygon,4326) using ST_Multi(outline);
create index idx_greenhouses_outline on greenhouses using gist (outline);
alter table greenhouses add constraint ck_greenhouses_code check (length(code) >= 2);
alter table greenhouses rename column name to display_name;
