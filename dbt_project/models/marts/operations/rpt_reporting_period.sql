-- The nights, months and quarter the run summary and the data-quality site report on,
-- and the windows and limits of their figures: one row.
{{ config(materialized='view') }}

with

published_nights as (

    select * from {{ ref('int_published_nights') }}

),

readiness as (

    select * from {{ ref('fct_participant_readiness') }}

),

nights as (

    select
        min(extract_date) as first_published_night,
        max(extract_date) as as_of_night
    from published_nights

),

latest_quarter as (

    select report_quarter, program_year, program_quarter
    from readiness
    group by all
    order by program_year desc, program_quarter desc
    limit 1

),

final as (

    select
        ---------- nights
        nights.first_published_night,
        nights.as_of_night,

        ---------- months of the as-of night
        cast(date_trunc('month', nights.as_of_night) as date) as this_month,
        cast(
            date_trunc('month', date_trunc('month', nights.as_of_night) - interval 1 day)
            as date
        ) as last_month,

        ---------- the latest report quarter of the readiness marts
        latest_quarter.report_quarter,
        latest_quarter.program_year,
        latest_quarter.program_quarter,

        ---------- windows and limits of the site's figures (dbt vars)
        {{ var('recent_days') }} as recent_days,
        nights.as_of_night - ({{ var('recent_days') }} - 1) as recent_from_date,
        {{ var('lag_cap') }} as lag_cap,
        {{ var('worklist_rows') }} as worklist_rows

    from nights
    left join latest_quarter
        on true

)

select * from final
