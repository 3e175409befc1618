-- RESEA scheduling timeliness of every appointment in the warehouse, statewide, by LWDA
-- and by office: the data-quality site's headline tile, LWDA table and office tables.
{{ config(materialized='view') }}

with

appointments as (

    select * from {{ ref('fct_resea_appointments') }}

),

areas as (

    select * from {{ ref('int_report_areas') }}

),

counted as (

    select
        case
            when grouping(lwda_code) = 1 then 'statewide'
            when grouping(office_id) = 1 then 'lwda'
            else 'office'
        end as area_level,
        lwda_code,
        office_id,
        count(is_scheduled_timely) as first_initials_judged,
        count(*) filter (where is_scheduled_timely) as first_initials_timely
    from appointments
    group by grouping sets ((), (lwda_code), (lwda_code, office_id))

),

final as (

    select
        ---------- grain
        areas.area_level,
        areas.lwda_code,
        areas.lwda_name,
        areas.office_id,
        areas.office_name,

        ---------- measures
        cast(coalesce(counted.first_initials_judged, 0) as bigint) as first_initials_judged,
        cast(coalesce(counted.first_initials_timely, 0) as bigint) as first_initials_timely,
        100.0 * counted.first_initials_timely / nullif(counted.first_initials_judged, 0)
            as pct_scheduled_timely

    from areas
    left join counted
        on areas.area_level = counted.area_level
        and areas.lwda_code is not distinct from counted.lwda_code
        and areas.office_id is not distinct from counted.office_id

)

select * from final
