with

participants as (

    select * from {{ ref('stg_osos__participants') }}

),

latest_versions as (

    {{ latest_version('participants', ['participant_key']) }}

),

final as (

    select
        participant_key,
        home_office_id,
        has_ssn,
        ssn_key,
        birth_year,
        birth_month,
        date_of_birth_key,
        date_of_birth_status,
        sex,
        disability,
        hispanic_latino,
        race_american_indian,
        race_asian,
        race_black,
        race_pacific_islander,
        race_white,
        veteran_status,
        employment_status,
        uc_eligible_status,
        education_level,
        school_status,
        low_income,
        registration_date,
        extract_date,
        source_file,
        source_line
    from latest_versions

)

select * from final
