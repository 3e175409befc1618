-- Entry timeliness of this month (so far) and last month, statewide, by LWDA and by
-- office: the data-quality site's headline tiles, LWDA table and office tables.
{{ config(materialized='view') }}

with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

areas as (

    select * from {{ ref('int_report_areas') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

months as (

    select 'this_month' as period, this_month as service_month from reporting_period
    union all
    select 'last_month' as period, last_month as service_month from reporting_period

),

entries_in_months as (

    select
        months.period,
        service_entries.lwda_code,
        service_entries.office_id,
        service_entries.is_timely,
        service_entries.entry_lag_business_days
    from service_entries
    inner join months
        on service_entries.service_month = months.service_month

),

counted as (

    select
        case
            when grouping(lwda_code) = 1 then 'statewide'
            when grouping(office_id) = 1 then 'lwda'
            else 'office'
        end as area_level,
        period,
        lwda_code,
        office_id,
        count(*) as services,
        count_if(is_timely) as timely_services,
        median(entry_lag_business_days) as median_lag_business_days
    from entries_in_months
    group by grouping sets ((period), (period, lwda_code), (period, lwda_code, office_id))

),

final as (

    select
        ---------- grain
        areas.area_level,
        areas.lwda_code,
        areas.lwda_name,
        areas.office_id,
        areas.office_name,
        months.period,
        months.service_month,

        ---------- measures
        cast(coalesce(counted.services, 0) as bigint) as services,
        cast(coalesce(counted.timely_services, 0) as bigint) as timely_services,
        100.0 * counted.timely_services / nullif(counted.services, 0) as pct_timely,
        counted.median_lag_business_days

    from areas
    cross join months
    left join counted
        on areas.area_level = counted.area_level
        and months.period = counted.period
        and areas.lwda_code is not distinct from counted.lwda_code
        and areas.office_id is not distinct from counted.office_id

)

select * from final
