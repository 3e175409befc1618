-- % of the services entered each business day that were entered on time, statewide and
-- by LWDA, from the first to the latest published night: the site's trend charts.
{{ config(materialized='view') }}

with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

calendar as (

    select * from {{ ref('dim_calendar') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

entries_in_period as (

    select
        service_entries.lwda_code,
        service_entries.entry_date,
        service_entries.is_timely
    from service_entries
    inner join calendar
        on service_entries.entry_date = calendar.calendar_date
    cross join reporting_period
    where calendar.is_business_day
      and service_entries.entry_date
          between reporting_period.first_published_night and reporting_period.as_of_night

),

counted as (

    select
        case when grouping(lwda_code) = 1 then 'statewide' else 'lwda' end as area_level,
        lwda_code,
        entry_date,
        count(*) as services,
        count_if(is_timely) as timely_services
    from entries_in_period
    group by grouping sets ((entry_date), (lwda_code, entry_date))

),

final as (

    select
        ---------- grain
        area_level,
        lwda_code,
        entry_date,

        ---------- measures
        cast(services as bigint) as services,
        cast(timely_services as bigint) as timely_services,
        100.0 * timely_services / services as pct_timely

    from counted

)

select * from final
