-- Places each period of participation (an enrollment) in every report quarter it
-- touches, up to the as-of date: served in a quarter when the period overlaps it,
-- an exiter of the quarter its recorded exit date (PIRL 901) falls in. An exit
-- recorded before entry cannot shorten the period below its entry quarter, so the
-- enrollment still shows up (and fails its logical check) instead of vanishing.

with

exits as (

    select * from {{ ref('int_participation_exits') }}

),

quarters as (

    select * from {{ ref('int_report_quarters') }}

),

periods as (

    select
        *,
        greatest(entry_date, coalesce(recorded_exit_date, as_of_date)) as period_end_date
    from exits

),

final as (

    select
        periods.enrollment_id,
        periods.participant_key,
        periods.program_code,
        periods.office_id,
        periods.entry_date,
        periods.recorded_exit_date,
        quarters.program_year,
        quarters.program_quarter,
        quarters.report_quarter,
        quarters.quarter_start,
        quarters.quarter_end,
        coalesce(periods.recorded_exit_date between quarters.quarter_start and quarters.quarter_end, false)
            as is_exiter_in_quarter
    from periods
    inner join quarters
        on quarters.quarter_start <= periods.period_end_date
        and quarters.quarter_end >= periods.entry_date
        and quarters.quarter_start <= periods.as_of_date

)

select * from final
