with

holidays as (

    select * from {{ ref('stg_ny_state__holidays') }}

),

date_spine as (

    select cast(spine.spine_day as date) as calendar_date
    from range(
        cast('{{ var("calendar_start_date") }}' as date),
        cast('{{ var("calendar_end_date") }}' as date) + interval 1 day,
        interval 1 day
    ) as spine (spine_day)

),

days_with_closures as (

    select
        date_spine.calendar_date,
        isodow(date_spine.calendar_date) as day_of_week,
        isodow(date_spine.calendar_date) >= 6 as is_weekend,
        holidays.closure_date is not null as is_holiday,
        holidays.holiday_name
    from date_spine
    left join holidays
        on date_spine.calendar_date = holidays.closure_date

),

business_days as (

    select
        *,
        not is_weekend and not is_holiday as is_business_day
    from days_with_closures

),

numbered_business_days as (

    select
        *,
        cast(
            sum(case when is_business_day then 1 else 0 end) over (
                order by calendar_date
                rows between unbounded preceding and current row
            ) as integer
        ) as business_day_number
    from business_days

),

final as (

    select
        calendar_date,
        day_of_week,
        is_weekend,
        is_holiday,
        holiday_name,
        is_business_day,
        business_day_number
    from numbered_business_days

)

select * from final
