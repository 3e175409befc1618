-- Entries made without a current access agreement, by what was missing, per system and
-- over both: the run summary's breakdown and the site's "uncovered entries" tile.
{{ config(materialized='view') }}

with

uncovered as (

    select * from {{ ref('fct_access_compliance') }}

),

final as (

    select
        ---------- grain
        case when grouping(system) = 1 then 'all_systems' else 'system' end as rollup_level,
        system,
        missing_kind,

        ---------- measures
        count(*) as uncovered_entries

    from uncovered
    group by grouping sets ((system, missing_kind), (missing_kind))

)

select * from final
