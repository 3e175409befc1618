with

source as (

    select * from {{ source('osos', 'participants') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('participant_key') }} as participant_key,
        {{ clean_string('home_office_id') }} as home_office_id,

        ---------- protected personal data (transformed at ingest)
        has_ssn,
        ssn_key,
        birth_year,
        birth_month,
        date_of_birth_key,
        date_of_birth_status,

        ---------- PIRL facts at program entry, as delivered (judged by the readiness marts)
        {{ clean_string('sex') }} as sex,
        {{ clean_string('disability') }} as disability,
        {{ clean_string('hispanic_latino') }} as hispanic_latino,
        {{ clean_string('race_american_indian') }} as race_american_indian,
        {{ clean_string('race_asian') }} as race_asian,
        {{ clean_string('race_black') }} as race_black,
        {{ clean_string('race_pacific_islander') }} as race_pacific_islander,
        {{ clean_string('race_white') }} as race_white,
        {{ clean_string('veteran_status') }} as veteran_status,
        {{ clean_string('employment_status') }} as employment_status,
        {{ clean_string('uc_eligible_status') }} as uc_eligible_status,
        {{ clean_string('education_level') }} as education_level,
        {{ clean_string('school_status') }} as school_status,
        {{ clean_string('low_income') }} as low_income,

        ---------- dates
        {{ parse_date('registration_date') }} as registration_date,

        ---------- timestamps
        {{ parse_timestamptz('updated_at') }} as updated_at,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
