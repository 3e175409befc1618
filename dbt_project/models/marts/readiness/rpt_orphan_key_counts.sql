-- Orphan keys by kind: the run summary's "Orphan keys" line.
{{ config(materialized='view') }}

with

orphan_keys as (

    select * from {{ ref('fct_orphan_keys') }}

),

final as (

    select
        orphan_kind,
        count(*) as orphan_records
    from orphan_keys
    group by orphan_kind

)

select * from final
