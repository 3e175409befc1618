-- Every PIRL element of every period of participation, driven by the rows of
-- pirl_element_rules: one row per enrollment and element, with the value as
-- delivered (text), whether the element is required for the enrollment's program,
-- and whether a present value has the element's format and is one of its valid
-- values. Adding a rule row adds its element here without SQL, as long as
-- source_column names a column of the participant or enrollment record.
--
-- Date of birth: the warehouse holds no full date of birth. Its value here is the
-- first day of the birth month when the delivered date was valid, 'invalid' when it
-- was not a real YYYY-MM-DD date, and null when blank (date_of_birth_status).

with

enrollments as (

    select * from {{ ref('int_enrollments_in_scope') }}

),

participants as (

    select * from {{ ref('int_participants_in_scope') }}

),

rules as (

    select * from {{ ref('pirl_element_rules') }}

),

participant_texts as (

    select
        participant_key,
        case date_of_birth_status
            -- year and month only (YYYY-MM): a made-up day would read as a full date
            -- of birth, and be one for everyone born on the first
            when 'valid' then strftime(make_date(birth_year, birth_month, 1), '%Y-%m')
            when 'invalid' then 'invalid'
        end as date_of_birth,
        cast(columns(* exclude (
            participant_key, has_ssn, ssn_key, birth_year, birth_month, date_of_birth_key,
            date_of_birth_status, extract_date, source_file, source_line
        )) as varchar)
    from participants

),

participant_values as (

    unpivot participant_texts
    on columns(* exclude (participant_key))
    into name source_column value element_value

),

enrollment_texts as (

    select
        enrollment_id,
        cast(columns(* exclude (enrollment_id, extract_date, source_file, source_line)) as varchar)
    from enrollments

),

enrollment_values as (

    unpivot enrollment_texts
    on columns(* exclude (enrollment_id))
    into name source_column value element_value

),

enrollment_rules as (

    select
        enrollments.enrollment_id,
        enrollments.participant_key,
        enrollments.program_code,
        participants.participant_key is not null as is_participant_delivered,
        rules.pirl_element,
        rules.element_name,
        rules.entity,
        rules.source_column,
        rules.data_format,
        rules.field_length,
        rules.valid_values,
        list_contains(
            string_split(coalesce(rules.required_for_programs, ''), '|'), enrollments.program_code
        ) as is_required
    from enrollments
    cross join rules
    left join participants
        on enrollments.participant_key = participants.participant_key

),

element_values as (

    select
        enrollment_rules.*,
        coalesce(participant_values.element_value, enrollment_values.element_value)
            as element_value
    from enrollment_rules
    left join participant_values
        on enrollment_rules.entity = 'participant'
        and enrollment_rules.participant_key = participant_values.participant_key
        and enrollment_rules.source_column = participant_values.source_column
    left join enrollment_values
        on enrollment_rules.entity = 'enrollment'
        and enrollment_rules.enrollment_id = enrollment_values.enrollment_id
        and enrollment_rules.source_column = enrollment_values.source_column

),

final as (

    select
        enrollment_id,
        participant_key,
        program_code,
        is_participant_delivered,
        pirl_element,
        element_name,
        data_format,
        valid_values,
        is_required,
        element_value,
        element_value is not null as is_present,
        case
            when element_value is null then null
            when data_format = 'DT' then
                coalesce(try_cast(element_value as date), try_cast(element_value || '-01' as date))
                is not null
            else
                (data_format <> 'IN' or regexp_full_match(element_value, '[0-9]+'))
                and length(element_value) <= field_length
                and (
                    valid_values is null
                    or list_contains(string_split(valid_values, '|'), element_value)
                )
        end as is_valid
    from element_values

)

select * from final
