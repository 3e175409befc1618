-- WIOA program year N runs July 1 of N to June 30 of N+1; its quarters are
-- Q1 Jul-Sep, Q2 Oct-Dec, Q3 Jan-Mar, Q4 Apr-Jun (calendar quarters, renumbered).

with

calendar_days as (

    select * from {{ ref('int_calendar_days') }}

),

quarters as (

    select
        cast(date_trunc('quarter', calendar_date) as date) as quarter_start,
        max(calendar_date) as quarter_end
    from calendar_days
    group by 1

),

final as (

    select
        quarter_start,
        quarter_end,
        case
            when month(quarter_start) >= 7 then year(quarter_start)
            else year(quarter_start) - 1
        end as program_year,
        case
            when month(quarter_start) >= 7 then (month(quarter_start) - 7) // 3 + 1
            else (month(quarter_start) + 5) // 3 + 1
        end as program_quarter
    from quarters

)

select
    *,
    'PY' || program_year || ' Q' || program_quarter as report_quarter
from final
