-- WIPS stage 3, duplicates: records of one person must agree. Two rules:
--   DUP200  one person's records must have the same date of birth (PIRL 200). OSOS
--           can hold one person under two customer ids; records sharing an SSN
--           (ssn_key) are one person, compared by date_of_birth_key.
--   DUP900  periods of participation of one participant in one program must not
--           overlap (an open period runs to the as-of date).
-- One row per enrollment and rule that fails.

with

enrollments as (

    select * from {{ ref('int_enrollments_in_scope') }}

),

participants as (

    select * from {{ ref('int_participants_in_scope') }}

),

as_of as (

    select * from {{ ref('int_reporting_as_of') }}

),

conflicting_people as (

    select ssn_key
    from participants
    where ssn_key is not null
    group by ssn_key
    having count(distinct date_of_birth_key) > 1

),

birth_date_conflicts as (

    select
        enrollments.enrollment_id,
        enrollments.participant_key,
        enrollments.program_code,
        200 as pirl_element,
        'DUP200' as rule_id,
        'Date of Birth (PIRL 200): another record of the same person (same SSN) has a different date of birth'
            as message
    from participants
    inner join conflicting_people
        on participants.ssn_key = conflicting_people.ssn_key
    inner join enrollments
        on participants.participant_key = enrollments.participant_key

),

periods as (

    select
        enrollments.*,
        coalesce(enrollments.exit_date, as_of.as_of_date) as period_end_date
    from enrollments
    cross join as_of

),

overlapping_periods as (

    select
        this_period.enrollment_id,
        this_period.participant_key,
        this_period.program_code,
        900 as pirl_element,
        'DUP900' as rule_id,
        'Date of Program Entry (PIRL 900): period of participation in ' || this_period.program_code
        || ' overlaps enrollment(s) '
        || string_agg(other_period.enrollment_id, ', ' order by other_period.enrollment_id)
            as message
    from periods as this_period
    inner join periods as other_period
        on this_period.participant_key = other_period.participant_key
        and this_period.program_code = other_period.program_code
        and this_period.enrollment_id <> other_period.enrollment_id
        and this_period.entry_date <= other_period.period_end_date
        and other_period.entry_date <= this_period.period_end_date
    group by this_period.enrollment_id, this_period.participant_key, this_period.program_code

),

final as (

    select
        enrollment_id,
        participant_key,
        program_code,
        pirl_element,
        rule_id,
        'duplicate' as check_class,
        cast(null as varchar) as value_provided,
        message
    from birth_date_conflicts
    union all
    select
        enrollment_id,
        participant_key,
        program_code,
        pirl_element,
        rule_id,
        'duplicate' as check_class,
        cast(null as varchar) as value_provided,
        message
    from overlapping_periods

)

select * from final
