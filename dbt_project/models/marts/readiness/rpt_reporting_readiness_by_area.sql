-- Reporting readiness of the latest report quarter, statewide, by LWDA and by office:
-- the data-quality site's headline tile, LWDA table and office tables.
{{ config(materialized='view') }}

with

readiness as (

    select * from {{ ref('fct_participant_readiness') }}

),

areas as (

    select * from {{ ref('int_report_areas') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

readiness_in_quarter as (

    select readiness.*
    from readiness
    inner join reporting_period
        on readiness.report_quarter = reporting_period.report_quarter

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
        count(*) as participants,
        count_if(is_reporting_ready) as ready
    from readiness_in_quarter
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
        reporting_period.report_quarter,

        ---------- measures
        cast(coalesce(counted.participants, 0) as bigint) as participants,
        cast(coalesce(counted.ready, 0) as bigint) as ready,
        100.0 * counted.ready / nullif(counted.participants, 0) as pct_ready

    from areas
    cross join reporting_period
    left join counted
        on areas.area_level = counted.area_level
        and areas.lwda_code is not distinct from counted.lwda_code
        and areas.office_id is not distinct from counted.office_id

)

select * from final
