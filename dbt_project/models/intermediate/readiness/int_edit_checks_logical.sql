-- WIPS stage 4, logical rules (cross-field checks and conditional requiredness):
--   REQnnn  an element required for the program is blank (e.g. REQ409: school
--           status must not be blank for a participant)
--   LOG100  the enrollment names a participant OSOS never delivered (orphan key):
--           none of the person's elements can be reported
--   LOG901  the recorded exit date (PIRL 901) is before the date of program entry
--   LOG200  the age at program entry does not fit the program (pirl_programs ages,
--           e.g. Youth 14-24). Only year and month of birth are kept, so the age is
--           known within one year: the rule fails only when every age the person
--           could have (birthday early or late in the month) is outside the range.
-- One row per enrollment and rule that fails.

with

element_values as (

    select * from {{ ref('int_pirl_element_values') }}

),

enrollments as (

    select * from {{ ref('int_enrollments_in_scope') }}

),

participants as (

    select * from {{ ref('int_participants_in_scope') }}

),

programs as (

    select * from {{ ref('pirl_programs') }}

),

missing_required as (

    select
        enrollment_id,
        participant_key,
        program_code,
        pirl_element,
        'REQ' || pirl_element as rule_id,
        element_name || ' (PIRL ' || pirl_element || '): required for ' || program_code
        || ' but blank' as message
    from element_values
    where is_required and not is_present and is_participant_delivered

),

participant_not_delivered as (

    select distinct
        enrollment_id,
        participant_key,
        program_code,
        100 as pirl_element,
        'LOG100' as rule_id,
        'Unique Individual Identifier (PIRL 100): the enrollment names a participant OSOS never delivered'
            as message
    from element_values
    where not is_participant_delivered

),

exit_before_entry as (

    select
        enrollment_id,
        participant_key,
        program_code,
        901 as pirl_element,
        'LOG901' as rule_id,
        'Date of Program Exit (PIRL 901): ' || strftime(exit_date, '%Y-%m-%d')
        || ' is before the date of program entry ' || strftime(entry_date, '%Y-%m-%d')
            as message
    from enrollments
    where exit_date < entry_date

),

ages as (

    select
        enrollments.enrollment_id,
        enrollments.participant_key,
        enrollments.program_code,
        programs.min_age_at_entry,
        programs.max_age_at_entry,
        (year(enrollments.entry_date) * 12 + month(enrollments.entry_date))
        - (participants.birth_year * 12 + participants.birth_month) as age_months
    from enrollments
    inner join participants
        on enrollments.participant_key = participants.participant_key
    inner join programs
        on enrollments.program_code = programs.program_code
    where participants.birth_year is not null
        and (programs.min_age_at_entry is not null or programs.max_age_at_entry is not null)

),

age_ranges as (

    select
        *,
        (age_months - 1) // 12 as youngest_possible_age,
        age_months // 12 as oldest_possible_age
    from ages

),

age_outside_program as (

    select
        enrollment_id,
        participant_key,
        program_code,
        200 as pirl_element,
        'LOG200' as rule_id,
        'Date of Birth (PIRL 200): age at program entry ' || youngest_possible_age
        || case when oldest_possible_age > youngest_possible_age then '-' || oldest_possible_age else '' end
        || ' is outside ' || program_code || ' ages '
        || coalesce(cast(min_age_at_entry as varchar), '') || '-'
        || coalesce(cast(max_age_at_entry as varchar), '') as message
    from age_ranges
    where oldest_possible_age < coalesce(min_age_at_entry, oldest_possible_age)
        or youngest_possible_age > coalesce(max_age_at_entry, youngest_possible_age)

),

failures as (

    select * from missing_required
    union all
    select * from participant_not_delivered
    union all
    select * from exit_before_entry
    union all
    select * from age_outside_program

),

final as (

    select
        enrollment_id,
        participant_key,
        program_code,
        pirl_element,
        rule_id,
        'logical' as check_class,
        cast(null as varchar) as value_provided,
        message
    from failures

)

select * from final
