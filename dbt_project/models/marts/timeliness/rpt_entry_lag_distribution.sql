-- Services entered in the recent days (var recent_days, up to the as-of night) by entry
-- lag, per LWDA; lags from var lag_cap up share one bucket: each LWDA page's bar chart.
{{ config(materialized='view') }}

with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

reporting_period as (

    select * from {{ ref('rpt_reporting_period') }}

),

recent_entries as (

    select
        service_entries.lwda_code,
        least(service_entries.entry_lag_business_days, reporting_period.lag_cap)
            as entry_lag_bucket
    from service_entries
    cross join reporting_period
    where service_entries.entry_date
        between reporting_period.recent_from_date and reporting_period.as_of_night

),

final as (

    select
        ---------- grain
        lwda_code,
        entry_lag_bucket,

        ---------- measures
        count(*) as services

    from recent_entries
    group by all

)

select * from final
