-- Orphan keys across every night loaded (latest versions): a participant with no
-- enrollment is not a PIRL participant of any program; an enrollment naming a
-- participant OSOS never delivered cannot be reported. Neither blocks a night:
-- the other night's file may still bring the missing half.

with

participants as (

    select * from {{ ref('int_participants_latest') }}

),

enrollments as (

    select * from {{ ref('int_enrollments_latest') }}

),

participants_without_enrollment as (

    select
        'participant_without_enrollment' as orphan_kind,
        participants.participant_key,
        cast(null as varchar) as enrollment_id,
        cast(null as varchar) as program,
        participants.home_office_id as office_id,
        participants.extract_date,
        participants.source_file,
        participants.source_line
    from participants
    anti join enrollments
        on participants.participant_key = enrollments.participant_key

),

enrollments_without_participant as (

    select
        'enrollment_without_participant' as orphan_kind,
        enrollments.participant_key,
        enrollments.enrollment_id,
        enrollments.program_code as program,
        enrollments.office_id,
        enrollments.extract_date,
        enrollments.source_file,
        enrollments.source_line
    from enrollments
    anti join participants
        on enrollments.participant_key = participants.participant_key

),

final as (

    select * from participants_without_enrollment
    union all
    select * from enrollments_without_participant

)

select * from final
