with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

monthly_timeliness as (

    select
        service_month,
        lwda_code,
        lwda_name,
        office_id,
        office_name,
        program,
        count(*) as services,
        count_if(is_timely) as timely_services,
        quantile_cont(entry_lag_business_days, 0.5) as median_lag_business_days,
        quantile_cont(entry_lag_business_days, 0.9) as p90_lag_business_days
    from service_entries
    group by all

),

final as (

    select
        ---------- grain
        service_month,
        lwda_code,
        lwda_name,
        office_id,
        office_name,
        program,

        ---------- measures
        services,
        timely_services,
        round(100.0 * timely_services / services, 1) as pct_timely,
        round(median_lag_business_days, 2) as median_lag_business_days,
        round(p90_lag_business_days, 2) as p90_lag_business_days

    from monthly_timeliness

)

select * from final
