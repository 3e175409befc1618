-- The 90-day exit rule of 20 CFR 677.150(c), with common exit: a period of
-- participation ends when 90 days pass with no qualifying service from any program
-- of its exit group, and the exit date is the last qualifying service date.
-- Self-service, information-only and follow-up services do not qualify
-- (osos_service_types.counts_toward_exit). Programs in the common-exit set
-- (pirl_programs.in_common_exit) share one exit group per participant; any other
-- program is its own group. The date of program entry counts as a qualifying
-- service of its group (entry is the first service of a period).

with

enrollments as (

    select * from {{ ref('int_enrollments_in_scope') }}

),

services as (

    select * from {{ ref('int_services_in_scope') }}

),

service_types as (

    select * from {{ ref('osos_service_types') }}

),

programs as (

    select * from {{ ref('pirl_programs') }}

),

as_of as (

    select * from {{ ref('int_reporting_as_of') }}

),

enrollments_grouped as (

    select
        enrollments.*,
        case when programs.in_common_exit then 'COMMON' else enrollments.program_code end
            as exit_group
    from enrollments
    left join programs
        on enrollments.program_code = programs.program_code

),

qualifying_services as (

    select
        services.participant_key,
        case when programs.in_common_exit then 'COMMON' else services.program_code end
            as exit_group,
        services.service_date as event_date
    from services
    inner join service_types
        on services.service_code = service_types.service_code
    left join programs
        on services.program_code = programs.program_code
    where service_types.counts_toward_exit

),

qualifying_events as (

    select participant_key, exit_group, event_date from qualifying_services
    union
    select participant_key, exit_group, entry_date as event_date from enrollments_grouped

),

events_with_next as (

    select
        qualifying_events.*,
        lead(event_date) over (
            partition by participant_key, exit_group order by event_date
        ) as next_event_date
    from qualifying_events

),

exit_events as (

    -- an exit: the 90 days after the event have passed (by the as-of date) with no
    -- further qualifying event in the group
    select
        events_with_next.participant_key,
        events_with_next.exit_group,
        events_with_next.event_date
    from events_with_next
    cross join as_of
    where events_with_next.event_date + interval {{ var('exit_gap_days') }} day <= as_of.as_of_date
        and (
            events_with_next.next_event_date is null
            or events_with_next.next_event_date > events_with_next.event_date + interval {{ var('exit_gap_days') }} day
        )

),

derived_exits as (

    select
        enrollments_grouped.enrollment_id,
        min(exit_events.event_date) as derived_exit_date
    from enrollments_grouped
    inner join exit_events
        on enrollments_grouped.participant_key = exit_events.participant_key
        and enrollments_grouped.exit_group = exit_events.exit_group
        and exit_events.event_date >= enrollments_grouped.entry_date
    group by enrollments_grouped.enrollment_id

),

last_services as (

    select
        enrollments_grouped.enrollment_id,
        max(qualifying_services.event_date) as last_qualifying_service_date
    from enrollments_grouped
    inner join qualifying_services
        on enrollments_grouped.participant_key = qualifying_services.participant_key
        and enrollments_grouped.exit_group = qualifying_services.exit_group
        and qualifying_services.event_date >= enrollments_grouped.entry_date
    group by enrollments_grouped.enrollment_id

),

final as (

    select
        enrollments_grouped.enrollment_id,
        enrollments_grouped.participant_key,
        enrollments_grouped.program_code,
        enrollments_grouped.office_id,
        enrollments_grouped.exit_group,
        enrollments_grouped.entry_date,
        enrollments_grouped.exit_date as recorded_exit_date,
        derived_exits.derived_exit_date,
        last_services.last_qualifying_service_date,
        case
            when enrollments_grouped.exit_date is null and derived_exits.derived_exit_date is null
                then 'agree_open'
            when enrollments_grouped.exit_date = derived_exits.derived_exit_date
                then 'agree_exited'
            when derived_exits.derived_exit_date is null
                then 'recorded_only'
            when enrollments_grouped.exit_date is null
                then 'derived_only'
            else 'dates_differ'
        end as exit_comparison,
        as_of.as_of_date
    from enrollments_grouped
    cross join as_of
    left join derived_exits
        on enrollments_grouped.enrollment_id = derived_exits.enrollment_id
    left join last_services
        on enrollments_grouped.enrollment_id = last_services.enrollment_id

)

select * from final
