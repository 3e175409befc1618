-- Every service in the warehouse, by LWDA: how many, and the % entered on time.
-- Read by the run summary (onestop summary).
{{ config(materialized='view') }}

with

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

final as (

    select
        ---------- grain
        lwda_code,
        any_value(lwda_name) as lwda_name,

        ---------- measures
        count(*) as services,
        round(100.0 * avg(case when is_timely then 1 else 0 end), 1) as pct_timely

    from service_entries
    group by lwda_code

)

select * from final
