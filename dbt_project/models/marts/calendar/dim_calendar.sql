with

calendar_days as (

    select * from {{ ref('int_calendar_days') }}

),

final as (

    select
        ---------- dates
        calendar_date,
        cast(date_trunc('month', calendar_date) as date) as month_start_date,
        year(calendar_date) as calendar_year,
        month(calendar_date) as calendar_month,

        ---------- day attributes
        day_of_week,
        dayname(calendar_date) as day_name,
        is_weekend,
        is_holiday,
        holiday_name,

        ---------- business days
        is_business_day,
        business_day_number

    from calendar_days

)

select * from final
