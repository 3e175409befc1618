-- The nights a warehouse holds: those the load audit records as published, and those
-- the build that made the warehouse added. The warehouse's copy of the audit was taken
-- during that build, before its publish, so its own nights are known from
-- stg_pipeline__night_loads instead; a warehouse that is read was published.

with

load_audit as (

    select * from {{ ref('stg_audit__load_audit') }}

),

night_loads as (

    select * from {{ ref('stg_pipeline__night_loads') }}

),

published_before as (

    select extract_date
    from load_audit
    where step = 'publish'
      and status = 'published'

),

built_now as (

    select extract_date from night_loads

),

final as (

    select distinct extract_date
    from (
        select extract_date from published_before
        union all
        select extract_date from built_now
    )

)

select * from final
