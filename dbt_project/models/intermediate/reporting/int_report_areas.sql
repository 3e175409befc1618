-- The areas the data-quality pages report on, one row each: the state, every LWDA and
-- every office of the latest office snapshot. The by-area rpt_ marts hang their
-- figures on these rows, so an office or LWDA with nothing to count still has its row.

with

offices as (

    select * from {{ ref('int_offices_current') }}

),

statewide as (

    select
        'statewide' as area_level,
        cast(null as varchar) as lwda_code,
        cast(null as varchar) as lwda_name,
        cast(null as varchar) as office_id,
        cast(null as varchar) as office_name

),

lwdas as (

    select distinct
        'lwda' as area_level,
        lwda_code,
        lwda_name,
        cast(null as varchar) as office_id,
        cast(null as varchar) as office_name
    from offices

),

office_areas as (

    select
        'office' as area_level,
        lwda_code,
        lwda_name,
        office_id,
        office_name
    from offices

),

final as (

    select * from statewide
    union all
    select * from lwdas
    union all
    select * from office_areas

)

select * from final
