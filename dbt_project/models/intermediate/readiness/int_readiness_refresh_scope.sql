{{ config(materialized='table') }}

-- The participants whose readiness this build computes: everyone in a full build
-- (or when a readiness fact does not exist yet: macro refresh_scope_is_everyone),
-- else the participants the night affects. The readiness models read only their
-- records (int_*_in_scope), and the readiness facts (incremental strategy
-- refresh_scope) replace only their rows.
--
-- Every readiness row belongs to one participant and depends only on that
-- participant's records, the records sharing their SSN, their offices, the as-of
-- date and the calendar. So a night affects a participant when:
--   * the night's load delivered a version of their participant, enrollment or
--     service record, or moved such a record away from them (every version's key);
--   * the as-of date moved past a date that changes their result: 90 days after a
--     qualifying event (an exit appears, 90-day rule) or an entry date (an open
--     period starts overlapping it, DUP900);
--   * an office of one of their enrollments changed name or LWDA tonight;
--   * their SSN is shared with an affected participant, or with any version of a
--     participant delivered tonight (DUP200 compares the records of one SSN).
-- When the as-of date enters a new report quarter every open period gains a
-- quarter, so every participant is affected (four nights a year).
-- Dates and rules here mirror int_participation_exits, int_participation_quarters
-- and int_edit_checks_duplicates; tests/end_to_end/test_readiness_increments.py checks that
-- nightly increments equal a full rebuild.

with

participants as (

    select * from {{ ref('stg_osos__participants') }}

),

enrollments as (

    select * from {{ ref('stg_osos__program_enrollments') }}

),

services as (

    select * from {{ ref('stg_osos__services') }}

),

offices as (

    select * from {{ ref('stg_osos__offices') }}

),

service_types as (

    select * from {{ ref('osos_service_types') }}

),

as_of_dates as (

    select * from {{ ref('int_reporting_as_of') }}

),

new_quarter as (

    select
        previous_as_of_date is null
        or date_trunc('quarter', previous_as_of_date) <> date_trunc('quarter', as_of_date)
            as is_new_quarter
    from as_of_dates

),

delivered_tonight as (

    select participant_key
    from participants
    where {{ loaded_tonight() }}
    union
    select participant_key
    from enrollments
    where enrollment_id in (select enrollment_id from enrollments where {{ loaded_tonight() }})
    union
    select participant_key
    from services
    where service_id in (select service_id from services where {{ loaded_tonight() }})

),

qualifying_events as (

    select services.participant_key, services.service_date as event_date
    from services
    inner join service_types
        on services.service_code = service_types.service_code
    where service_types.counts_toward_exit
    union
    select participant_key, entry_date as event_date
    from enrollments

),

passed_a_horizon as (

    select qualifying_events.participant_key
    from qualifying_events
    cross join as_of_dates
    where qualifying_events.event_date + interval {{ var('exit_gap_days') }} day > as_of_dates.previous_as_of_date
        and qualifying_events.event_date + interval {{ var('exit_gap_days') }} day <= as_of_dates.as_of_date
    union
    select enrollments.participant_key
    from enrollments
    cross join as_of_dates
    where enrollments.entry_date > as_of_dates.previous_as_of_date
        and enrollments.entry_date <= as_of_dates.as_of_date

),

offices_now as (

    {{ latest_snapshot('offices') }}

),

offices_before as (

    {{ latest_snapshot('(select * from offices where not ' ~ loaded_tonight() ~ ')') }}

),

offices_changed as (

    select office_id, office_name, lwda_code, lwda_name from offices_now
    except
    select office_id, office_name, lwda_code, lwda_name from offices_before

),

at_a_changed_office as (

    select participant_key
    from enrollments
    where office_id in (select office_id from offices_changed)

),

everyone as (

    select participant_key from participants
    union
    select participant_key from enrollments
    union
    select participant_key from services

),

affected as (

    select participant_key from delivered_tonight
    union
    select participant_key from passed_a_horizon
    union
    select participant_key from at_a_changed_office
    union
    select participant_key from everyone
    where (select is_new_quarter from new_quarter)

),

latest_participants as (

    select * from {{ ref('int_participants_latest') }}

),

shared_ssn_keys as (

    select ssn_key
    from latest_participants
    where participant_key in (select participant_key from affected)
    union
    select ssn_key
    from participants
    where participant_key in (select participant_key from delivered_tonight)

),

sharing_an_ssn as (

    select participant_key
    from latest_participants
    where ssn_key in (select ssn_key from shared_ssn_keys)

),

final as (

    {% if refresh_scope_is_everyone() -%}
    select participant_key from everyone
    {%- else -%}
    select participant_key from affected
    union
    select participant_key from sharing_an_ssn
    {%- endif %}

)

select participant_key from final
where participant_key is not null
